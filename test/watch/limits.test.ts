// Watch limits: a conversation and a tenant may have only so many; the oldest run when over.
import { checkNewWatch, withinLimits } from '../../src/watch/limits';
import type { Watch } from '../../src/watch/port';

const limits = { maxPerConversation: 2, maxPerTenant: 3 };
const watch = (conversationId: string, hub: string, tenantId: string, createdAt: string): Watch => ({
  conversationId,
  hub,
  tenantId,
  everyMinutes: 15,
  conversationReference: {},
  createdAt,
  active: true,
});

test('a new watch is refused at the conversation limit, then at the tenant limit; changing one is always fine', () => {
  expect(checkNewWatch({ conversationWatches: 1, tenantWatches: 2 }, limits)).toEqual({ ok: true });
  expect(checkNewWatch({ conversationWatches: 2, tenantWatches: 2 }, limits)).toEqual({ ok: false, limit: 'conversation', max: 2 });
  expect(checkNewWatch({ conversationWatches: 0, tenantWatches: 3 }, limits)).toEqual({ ok: false, limit: 'tenant', max: 3 });
  expect(checkNewWatch({ conversationWatches: 2, tenantWatches: 3, replacing: true }, limits)).toEqual({ ok: true });
});

test('over the limits, the oldest watches run and the rest are set apart', () => {
  const ws = [
    watch('c1', 'hub-c', 't1', '2026-05-01T03:00:00Z'),
    watch('c1', 'hub-a', 't1', '2026-05-01T01:00:00Z'),
    watch('c1', 'hub-b', 't1', '2026-05-01T02:00:00Z'),
    watch('c2', 'hub-a', 't1', '2026-05-01T04:00:00Z'),
    watch('c3', 'hub-a', 't1', '2026-05-01T05:00:00Z'),
    watch('c4', 'hub-a', 't2', '2026-05-01T06:00:00Z'),
  ];
  const { run, over } = withinLimits(ws, limits);
  expect(run.map((w) => `${w.conversationId}/${w.hub}`)).toEqual(['c1/hub-a', 'c1/hub-b', 'c2/hub-a', 'c4/hub-a']);
  expect(over.map((w) => `${w.conversationId}/${w.hub}`)).toEqual(['c1/hub-c', 'c3/hub-a']);
});
