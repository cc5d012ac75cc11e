// `kql [deviceId]` (and the "Show KQL" button): a ready Log Analytics query for the Connections category.
import { kqlCard } from '../../cards';
import { connectionsKql } from '../../triage/kql';
import { typedDeviceId } from '../deviceId';
import { botText } from '../messages';
import { defineCommand } from './command';

const KQL = /^\/?kql(?:\s+(.+))?$/i;

/** The engine's query builder owns the KQL text (and its quoting of device ids). */
export function kqlFor(deviceId: string | undefined): string {
  return connectionsKql({ deviceIds: deviceId ? [deviceId] : [] });
}

export const kqlCommand = defineCommand<{ deviceId?: string; invalidId?: true }>({
  name: 'kql',
  parse: (line) => {
    const m = KQL.exec(line);
    return m ? typedDeviceId(m[1]) : undefined;
  },
  help: {
    en: { command: 'kql [deviceId]', text: 'a Log Analytics query for the Connections logs' },
    nl: { command: 'kql [deviceId]', text: 'een Log Analytics-query voor de Connections-logboeken' },
  },
  examples: ['kql', 'kql camera-7', 'KQL sensor-1'],
  run: ({ deviceId, invalidId }, ctx) => {
    if (invalidId) return { type: 'text', text: botText('invalidDeviceId', ctx.lang) };
    return { type: 'card', card: kqlCard(kqlFor(deviceId), ctx.card, deviceId) };
  },
});
