// What the model may build on: the knowledge-base entries for the triage's finding kinds, the verdict
// text and the notes. This is the trusted side of the prompt and the yardstick for "invents a fix".
// Paste-derived facts (evidence, device ids, details) are deliberately NOT grounding: a hostile paste
// must not be able to whitelist its own "fix".
import { knowledge, noteText, verdictText, type KnowledgeEntry, type VerdictText } from '../triage/knowledge';
import { FINDING_KINDS, type FindingKind, type Lang, type Triage, type Verdict } from '../triage/types';
import { pasteHint } from './messages';

export interface FixStep {
  /** Stable reference the model returns in fixStepIds: `<kind>#<1-based step>`. */
  id: string;
  kind: FindingKind;
  text: string;
}

export interface KnowledgeItem {
  kind: FindingKind;
  entry: KnowledgeEntry;
}

export interface Grounding {
  /** The verdict the model must echo: the triage's, or `inconclusive` when there is no triage. */
  verdict: Verdict;
  verdictText: VerdictText;
  hasTriage: boolean;
  items: KnowledgeItem[];
  fixSteps: FixStep[];
  notes: string[];
  /** Every trusted sentence above, lower-cased with whitespace collapsed, for substring checks. */
  text: string;
}

export function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function kindsOf(triage: Triage | undefined): FindingKind[] {
  const seen = new Set<FindingKind>();
  for (const f of triage?.findings ?? []) seen.add(f.kind);
  // No findings (no triage, or an inconclusive one): the whole knowledge base is fair ground for an answer.
  return seen.size > 0 ? [...seen] : [...FINDING_KINDS];
}

export function groundingFor(triage: Triage | undefined, lang: Lang): Grounding {
  const verdict: Verdict = triage?.verdict ?? 'inconclusive';
  const vText = verdictText(verdict, lang);
  const items = kindsOf(triage).map((kind) => ({ kind, entry: knowledge(kind, lang) }));
  const fixSteps = items.flatMap(({ kind, entry }) => entry.fix.map((text, i) => ({ id: `${kind}#${i + 1}`, kind, text })));
  const notes = (triage?.notes ?? []).map((n) => noteText(n, lang));
  const parts = [vText.headline, vText.summary, ...notes];
  for (const { kind, entry } of items) parts.push(kind, entry.title, entry.explanation, ...entry.fix, entry.docUrl ?? '');
  if (verdict === 'inconclusive') parts.push(pasteHint(lang));
  return { verdict, verdictText: vText, hasTriage: triage !== undefined, items, fixSteps, notes, text: normalise(parts.join('\n')) };
}
