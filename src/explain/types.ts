// The explain contract the bot codes against. An explanation is optional decoration: it never
// carries or changes a verdict of its own (the echoed verdict must equal the triage's).
import type { Lang, Triage, Verdict } from '../triage/types';

export interface Explanation {
  verdict: Verdict;
  text: string;
  followUpQuestions: string[];
  lang: Lang;
}

export type ExplainFailure = 'not-configured' | 'timeout' | 'throttled' | 'error' | 'content-filter' | 'rejected';

export type ExplainOutcome = { ok: true; explanation: Explanation } | { ok: false; reason: ExplainFailure; message: string };

export interface Explainer {
  /** Explain a finished triage in plain words. Never rejects; never changes the triage. */
  explain(triage: Triage, lang: Lang): Promise<ExplainOutcome>;
  /** Answer a free-form question (already redacted by caller, but redact again) from the knowledge base, optionally with a triage. */
  answer(question: string, triage: Triage | undefined, lang: Lang): Promise<ExplainOutcome>;
}
