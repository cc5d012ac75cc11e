// What a reply card tells the engineer, read from its visible text: the verdict's headline, each device,
// and the first fix step of each finding kind. Bot tests assert these, not equality with the card builder's
// own output, so a wrong verdict or a lost device fails them.
import { knowledge, verdictText } from '../../src/triage/knowledge';
import type { FindingKind, Lang, Verdict } from '../../src/triage/types';
import { visibleText } from '../cards/cardCheck';
import { helpLines } from '../../src/bot/commands/command';
import { COMMANDS } from '../../src/bot/commands/registry';
import { strings } from '../../src/cards/strings';
import type { CardContext } from '../../src/cards/types';

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

/** The help card: its title and every registered command listed in this context, in the card's language. */
export function expectHelpCard(card: unknown, ctx: CardContext): void {
  const text = visibleText(card);
  expect(text).toContain(strings(ctx.lang).helpTitle);
  const lines = helpLines(COMMANDS, ctx);
  expect(lines.length).toBeGreaterThan(0);
  for (const l of lines) {
    expect(text).toContain(l.command);
    expect(text).toContain(l.text);
  }
}
