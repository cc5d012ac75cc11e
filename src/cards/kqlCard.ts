// The KQL card: a ready Log Analytics query, one monospace line per query line so it reads and copies well.
import { strings } from './strings';
import { expand } from './templates';
import { plain } from './text';
import type { AdaptiveCard, CardContext } from './types';

const MAX_LINES = 60;

export function kqlCard(kql: string, ctx: CardContext, deviceId?: string): AdaptiveCard {
  const s = strings(ctx.lang);
  const lines = String(kql ?? '')
    .split(/\r?\n/)
    .map((l) => plain(l.replace(/\t/g, '  '), 500))
    .filter(Boolean);
  const shown = lines.slice(0, MAX_LINES);
  if (lines.length > MAX_LINES) shown.push('…');
  const device = plain(deviceId, 200);
  return expand('kql', {
    lang: ctx.lang,
    title: s.kqlTitle,
    hasDevice: device.length > 0,
    deviceLabel: s.kqlForDevice,
    deviceId: device,
    howTo: s.kqlHowTo,
    hasQuery: shown.length > 0,
    lines: shown.map((text) => ({ text })),
    isEmpty: shown.length === 0,
    emptyText: s.kqlEmpty,
  });
}
