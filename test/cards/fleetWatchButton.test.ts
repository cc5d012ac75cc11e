// The fleet card's "Watch this hub" (verb watchHub, data {hub}): offered only when watches can run (a
// whole-hub source and watch storage), on the hub view, in English and Dutch.
import { fleetCard } from '../../src/cards/fleetCard';
import { fleetStrings } from '../../src/cards/fleetStrings';
import { VERBS } from '../../src/cards/verbs';
import { churner, fleet, HUB, lockedOutDevice } from '../watch/fleets';

type Action = { type: string; verb?: string; title?: string; data?: unknown };

function executeActions(card: unknown): Action[] {
  const out: Action[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Execute') out.push(o as Action);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('fleet card Watch button', () => {
  const outcome = { ok: true as const, result: fleet([...churner('pump-1'), ...lockedOutDevice('pump-7')]) };

  it.each(['en', 'nl'] as const)('is there when watches are available (%s)', (lang) => {
    const watch = executeActions(fleetCard(outcome, { lang, hubCheckAvailable: true, watchAvailable: true })).filter((a) => a.verb === VERBS.watchHub);
    expect(watch).toEqual([{ type: 'Action.Execute', verb: 'watchHub', title: fleetStrings(lang).watchHub, data: { hub: HUB } }]);
  });

  it('is not there without watch storage or a whole-hub source', () => {
    expect(executeActions(fleetCard(outcome, { lang: 'en', hubCheckAvailable: true })).map((a) => a.verb)).not.toContain(VERBS.watchHub);
  });

  it('is not on a single device’s view', () => {
    const device = { ok: true as const, result: { ...fleet(lockedOutDevice('pump-7')), deviceId: 'pump-7' } };
    expect(executeActions(fleetCard(device, { lang: 'en', watchAvailable: true })).map((a) => a.verb)).not.toContain(VERBS.watchHub);
  });
});
