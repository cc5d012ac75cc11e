// What a reply card tells the engineer, read from its visible text: the verdict's headline, each device,
// and the first fix step of each finding kind. Bot tests assert these, not equality with the card builder's
// own output, so a wrong verdict or a lost device fails them.
import { knowledge, verdictText } from '../../src/triage/knowledge';
import type { FindingKind, Lang, Verdict } from '../../src/triage/types';
import { visibleText } from '../cards/cardCheck';

export function expectCardSays(card: unknown, says: { verdict: Verdict; devices?: string[]; fixesFor?: FindingKind[]; lang?: Lang }): void {
  const lang = says.lang ?? 'en';
  const text = visibleText(card);
  expect(text).toContain(verdictText(says.verdict, lang).headline);
  for (const d of says.devices ?? []) expect(text).toContain(d);
  for (const k of says.fixesFor ?? []) {
    const first = knowledge(k, lang).fix[0];
    if (first) expect(text).toContain(first.slice(0, 60));
  }
}
