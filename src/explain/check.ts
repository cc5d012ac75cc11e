// Code decides whether a model answer may be shown. Anything doubtful is dropped, never repaired:
// the deterministic card is always complete without it.
import { z } from 'zod';
import { containsSecret, redact } from '../triage/redact';
import { VERDICTS, type Lang, type Triage } from '../triage/types';
import { groundingFor, type Grounding } from './grounding';
import { inventedFixes } from './inventedFix';
import { MAX_EXPLANATION_CHARS, MAX_FIX_STEP_IDS, MAX_FOLLOW_UP_CHARS, MAX_FOLLOW_UPS } from './limits';
import type { Explanation } from './types';

/** The structured output the model must produce (mirrors RESPONSE_SCHEMA in schema.ts). */
const ModelAnswer = z
  .object({
    verdict: z.enum(VERDICTS),
    language: z.enum(['en', 'nl']),
    explanation: z.string(),
    followUpQuestions: z.array(z.string()),
    fixStepIds: z.array(z.string()),
  })
  .strict();

export type Rejection = { rejected: string };

/**
 * Check a parsed model answer against an explicit grounding. Rejection reasons are short codes for logs
 * and never quote the model's text.
 */
export function checkAgainstGrounding(raw: unknown, grounding: Grounding, lang: Lang): Explanation | Rejection {
  const parsed = ModelAnswer.safeParse(raw);
  if (!parsed.success) return { rejected: 'malformed' };
  const a = parsed.data;
  if (a.verdict !== grounding.verdict) return { rejected: `verdict-mismatch: expected ${grounding.verdict}, got ${a.verdict}` };
  if (a.language !== lang) return { rejected: `wrong-language: expected ${lang}, got ${a.language}` };

  const text = a.explanation.trim();
  const questions = a.followUpQuestions.map((q) => q.trim()).filter((q) => q.length > 0);
  if (text.length === 0) return { rejected: 'empty' };
  if (text.length > MAX_EXPLANATION_CHARS) return { rejected: `too-long: explanation ${text.length} > ${MAX_EXPLANATION_CHARS}` };
  if (questions.length > MAX_FOLLOW_UPS) return { rejected: `too-long: ${questions.length} follow-up questions > ${MAX_FOLLOW_UPS}` };
  if (questions.some((q) => q.length > MAX_FOLLOW_UP_CHARS)) return { rejected: `too-long: follow-up question > ${MAX_FOLLOW_UP_CHARS}` };

  const known = new Set(grounding.fixSteps.map((s) => s.id));
  if (a.fixStepIds.length > MAX_FIX_STEP_IDS || a.fixStepIds.some((id) => !known.has(id))) return { rejected: 'invented-fix: unknown fix step id' };

  const all = [text, ...questions];
  if (all.some((s) => containsSecret(s))) return { rejected: 'secret-in-output' };
  const invented = inventedFixes(all, grounding);
  if (invented.length > 0) return { rejected: `invented-fix: ${invented.join(', ')}` };

  return { verdict: a.verdict, text: redact(text).text, followUpQuestions: questions.map((q) => redact(q).text), lang };
}

/** Exported for tests: check a parsed model answer for this triage (or for a question without one). */
export function checkExplanation(raw: unknown, triage: Triage | undefined, lang: Lang): Explanation | Rejection {
  return checkAgainstGrounding(raw, groundingFor(triage, lang), lang);
}

export function isRejection(r: Explanation | Rejection): r is Rejection {
  return 'rejected' in r;
}
