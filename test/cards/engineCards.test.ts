// The example pastes, run through the real triage engine, give clean cards. Only card hygiene is
// asserted here; which verdict each paste earns is the engine's own tests' business.
import { CARD_SIZE_LIMIT, cardByteSize, verdictCard } from '../../src/cards';
import { EXAMPLE_PASTES } from '../../src/cards/examples';
import { strings } from '../../src/cards/strings';
import { triage } from '../../src/triage';
import { cardProblems, visibleTexts } from './cardCheck';

const now = new Date('2024-05-01T12:00:00Z');

test.each(EXAMPLE_PASTES.map((e) => [e.key, e.lines.join('\n')] as const))('example "%s" through the engine gives a clean card', (_key, paste) => {
  const t = triage(paste, { now });
  for (const lang of ['en', 'nl'] as const) {
    const card = verdictCard(t, { lang, explainAvailable: true, hubCheckAvailable: true });
    expect(cardProblems(card)).toEqual([]);
    expect(cardByteSize(card)).toBeLessThan(CARD_SIZE_LIMIT);
    expect(visibleTexts(card)[0]).toBe(strings(lang).status[t.verdict]);
  }
});
