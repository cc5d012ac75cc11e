// What the model may build on: the knowledge-base entries for the triage's finding kinds, the verdict
// text and the notes. This is the trusted side of the prompt and the yardstick for "invents a fix".
// Paste-derived facts (evidence, device ids, details) are deliberately NOT grounding: a hostile paste
// must not be able to whitelist its own "fix". The one exception is the hub facts (device-in-other-hub,
// not-in-any-hub, what DPS says): their texts and fixes are our templates filled from the registry and DPS
// answers, so an explanation that repeats them is not inventing. They count only when every name filled in
// is a plain identifier (a device id or hub name cannot smuggle a command into the grounding).
import { hubFactText } from '../triage/hubFactTexts';
import { knowledge, noteText, verdictText, type KnowledgeEntry, type VerdictText } from '../triage/knowledge';
import { FINDING_KINDS, type FindingKind, type HubFact, type Lang, type Triage, type Verdict } from '../triage/types';
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
  /** The hub facts' texts and fixes (several hubs, DPS), in the answer's language. */
  hubFacts: string[];
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

/** A device id, hub name, status or date: one token of letters, digits and . _ - : @ (device ids have no spaces). */
const TOKEN = '[A-Za-z0-9][\\w.:@-]{0,127}';
const PLAIN = new RegExp(`^(?:${TOKEN})?$`);
/** Params whose value is more than one token: a list of hubs, or "group <id>" / "individual". */
const SHAPED: Record<string, RegExp> = {
  hubs: new RegExp(`^${TOKEN}(?:, ${TOKEN})*$`),
  enrollment: new RegExp(`^(?:individual|group(?: ${TOKEN})?)?$`),
};
/** DPS's own error text (from DPS, never the paste); it appears in a fact's text, never in its fix. */
const FREE_TEXT = new Set(['error']);

function plainParam(key: string, value: string): boolean {
  return FREE_TEXT.has(key) || (SHAPED[key] ?? PLAIN).test(value);
}

/** The hub facts' sentences: fix steps when the names in them are plain; the text too unless it quotes DPS's error. */
function hubFactSentences(triage: Triage | undefined, lang: Lang): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const facts: HubFact[] = (triage?.findings ?? []).flatMap((f) => f.details.hubFacts ?? []);
  for (const fact of facts) {
    const params = Object.entries(fact.params ?? {});
    if (!params.every(([k, v]) => plainParam(k, String(v)))) continue;
    const { text, fix } = hubFactText(fact, lang);
    const quotesError = params.some(([k, v]) => FREE_TEXT.has(k) && String(v).trim() !== '');
    for (const sentence of quotesError ? fix : [text, ...fix]) {
      if (!seen.has(sentence)) {
        seen.add(sentence);
        out.push(sentence);
      }
    }
  }
  return out;
}

export function groundingFor(triage: Triage | undefined, lang: Lang): Grounding {
  const verdict: Verdict = triage?.verdict ?? 'inconclusive';
  const vText = verdictText(verdict, lang);
  const items = kindsOf(triage).map((kind) => ({ kind, entry: knowledge(kind, lang) }));
  const fixSteps = items.flatMap(({ kind, entry }) => entry.fix.map((text, i) => ({ id: `${kind}#${i + 1}`, kind, text })));
  const notes = (triage?.notes ?? []).map((n) => noteText(n, lang));
  const hubFacts = hubFactSentences(triage, lang);
  const parts = [vText.headline, vText.summary, ...notes, ...hubFacts];
  for (const { kind, entry } of items) parts.push(kind, entry.title, entry.explanation, ...entry.fix, entry.docUrl ?? '');
  if (verdict === 'inconclusive') parts.push(pasteHint(lang));
  return { verdict, verdictText: vText, hasTriage: triage !== undefined, items, fixSteps, notes, hubFacts, text: normalise(parts.join('\n')) };
}
