// Knowledge base: explanation and fix steps per finding kind, in English and Dutch.
// STUB SIGNATURES — content is being written (issue 2). Do not change the exported signatures.
import type { FindingKind, Lang, Note, Verdict } from './types';

export interface KnowledgeEntry {
  /** Short title, e.g. "Token-expiry churn (benign)". */
  title: string;
  /** One or two sentences: what this means. */
  explanation: string;
  /** Ordered fix steps (may be empty for benign kinds). */
  fix: string[];
  /** 'none' = no action needed, 'fix' = action needed, 'info' = advisory. */
  action: 'none' | 'fix' | 'info';
  /** Documentation link. */
  docUrl?: string;
}

export interface VerdictText {
  headline: string;
  summary: string;
}

export function knowledge(kind: FindingKind, lang: Lang): KnowledgeEntry {
  void lang;
  return { title: kind, explanation: kind, fix: [], action: 'info' };
}

export function verdictText(verdict: Verdict, lang: Lang): VerdictText {
  void lang;
  return { headline: verdict, summary: verdict };
}

export function noteText(note: Note, lang: Lang): string {
  void lang;
  return note.code;
}
