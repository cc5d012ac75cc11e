// What the watch commands (`watch`, `unwatch`, `watching` and the fleet card's Watch button) answer, in
// English and Dutch. The watch posts themselves have their own texts (strings.ts).
import type { Lang } from '../triage/types';
import type { WatchEveryMinutes } from './port';

export interface WatchCommandStrings {
  every: (m: WatchEveryMinutes) => string;
  watchUsage: string;
  unwatchUsage: string;
  badEvery: (got: string) => string;
  badHub: (got: string) => string;
  tooMany: string;
  noFleet: string;
  noStorage: string;
  noBoth: string;
  noConversation: string;
  storeDown: string;
  added: (hub: string, every: string, where: string) => string;
  changed: (hub: string, every: string) => string;
  limitConversation: (max: number) => string;
  limitTenant: (max: number) => string;
  removed: (hub: string) => string;
  notWatched: (hub: string) => string;
  none: string;
  list: string;
  listLine: (hub: string, every: string, lastRun: string | undefined, active: boolean) => string;
  where: Record<'channel' | 'groupChat' | 'personal', string>;
}

const en: WatchCommandStrings = {
  every: (m) => (m === 60 ? 'every hour' : `every ${m} minutes`),
  watchUsage: 'Usage: `watch <hub-name> [every 15m|30m|1h]`, for example `watch contoso-iot-prod every 30m` (default: every hour).',
  unwatchUsage: 'Usage: `unwatch <hub-name>`, for example `unwatch contoso-iot-prod`. `watching` lists the watches here.',
  badEvery: (got) => `I can watch every 15m, 30m or 1h; "${got}" is not one of them.`,
  badHub: (got) => `"${got}" is not an IoT Hub name: use 3 to 50 letters, digits or hyphens (the part before .azure-devices.net).`,
  tooMany: 'Give one hub name and, optionally, how often (every 15m, 30m or 1h).',
  noFleet:
    'Watching a hub needs the whole-hub check, which is not set up for this bot: its administrator sets LOG_ANALYTICS_WORKSPACE_ID (or IOTHUB_RESOURCE_ID).',
  noStorage: 'Watching a hub needs storage for the watches, which is not set up for this bot: its administrator sets WATCH_STORAGE_ENDPOINT (or WATCH_STORAGE_CONNECTION_STRING).',
  noBoth:
    'Watching a hub is not set up for this bot: its administrator sets LOG_ANALYTICS_WORKSPACE_ID (or IOTHUB_RESOURCE_ID) for the whole-hub check and WATCH_STORAGE_ENDPOINT (or WATCH_STORAGE_CONNECTION_STRING) for the watches.',
  noConversation: 'I cannot tell which conversation this is, so I cannot watch a hub from here.',
  storeDown: 'I could not reach the watch storage just now. Nothing was changed: try again in a minute.',
  added: (hub, every, where) =>
    `Watching **${hub}** ${every} ${where}. I post here only when devices get a credential problem, and once when they have recovered; token-expiry churn stays quiet. \`unwatch ${hub}\` stops it.`,
  changed: (hub, every) => `**${hub}** is now watched ${every}.`,
  limitConversation: (max) => `This conversation already watches ${max} hub(s), the most it may. \`unwatch <hub>\` one first; \`watching\` lists them.`,
  limitTenant: (max) => `Your organisation already has ${max} hub watches, the most this bot allows. Ask its administrator to raise WATCH_MAX_PER_TENANT, or stop a watch you no longer need.`,
  removed: (hub) => `Stopped watching **${hub}** here.`,
  notWatched: (hub) => `**${hub}** is not watched here. \`watching\` lists the watches here.`,
  none: 'No hub is watched here. `watch <hub-name>` starts one.',
  list: 'Hubs watched here:',
  listLine: (hub, every, lastRun, active) =>
    `**${hub}**, ${every}${lastRun ? `, last checked ${lastRun} UTC` : ', not checked yet'}${active ? '' : ' — **off**: I could not post here any more (add me again, then `watch` it again)'}`,
  where: { channel: 'in this channel (each post starts a new thread)', groupChat: 'in this chat', personal: 'in this chat' },
};

const nl: WatchCommandStrings = {
  every: (m) => (m === 60 ? 'elk uur' : `elke ${m} minuten`),
  watchUsage: 'Gebruik: `bewaak <hubnaam> [elke 15m|30m|1u]`, bijvoorbeeld `bewaak contoso-iot-prod elke 30m` (standaard: elk uur).',
  unwatchUsage: 'Gebruik: `stop bewaken <hubnaam>`, bijvoorbeeld `stop bewaken contoso-iot-prod`. `bewaakt` toont wat hier bewaakt wordt.',
  badEvery: (got) => `Ik kan elke 15m, 30m of 1u bewaken; "${got}" hoort daar niet bij.`,
  badHub: (got) => `"${got}" is geen IoT Hub-naam: gebruik 3 tot 50 letters, cijfers of streepjes (het deel vóór .azure-devices.net).`,
  tooMany: 'Geef één hubnaam en eventueel hoe vaak (elke 15m, 30m of 1u).',
  noFleet:
    'Een hub bewaken vraagt de controle van de hele hub, en die is voor deze bot niet ingesteld: de beheerder zet LOG_ANALYTICS_WORKSPACE_ID (of IOTHUB_RESOURCE_ID).',
  noStorage: 'Een hub bewaken vraagt opslag voor de bewakingen, en die is voor deze bot niet ingesteld: de beheerder zet WATCH_STORAGE_ENDPOINT (of WATCH_STORAGE_CONNECTION_STRING).',
  noBoth:
    'Een hub bewaken is voor deze bot niet ingesteld: de beheerder zet LOG_ANALYTICS_WORKSPACE_ID (of IOTHUB_RESOURCE_ID) voor de controle van de hele hub en WATCH_STORAGE_ENDPOINT (of WATCH_STORAGE_CONNECTION_STRING) voor de bewakingen.',
  noConversation: 'Ik weet niet welk gesprek dit is, dus ik kan hier geen hub bewaken.',
  storeDown: 'Ik kon de opslag van de bewakingen nu niet bereiken. Er is niets veranderd: probeer het over een minuut opnieuw.',
  added: (hub, every, where) =>
    `Ik bewaak **${hub}** ${every} ${where}. Ik meld hier alleen iets als apparaten een probleem met referenties krijgen, en één keer als ze hersteld zijn; token-verloop blijft stil. \`stop bewaken ${hub}\` stopt het.`,
  changed: (hub, every) => `**${hub}** wordt nu ${every} bewaakt.`,
  limitConversation: (max) => `Dit gesprek bewaakt al ${max} hub(s), het maximum. Stop er eerst één met \`stop bewaken <hub>\`; \`bewaakt\` toont ze.`,
  limitTenant: (max) => `Je organisatie heeft al ${max} hubbewakingen, het maximum van deze bot. Vraag de beheerder WATCH_MAX_PER_TENANT te verhogen, of stop een bewaking die je niet meer nodig hebt.`,
  removed: (hub) => `Ik bewaak **${hub}** hier niet meer.`,
  notWatched: (hub) => `**${hub}** wordt hier niet bewaakt. \`bewaakt\` toont wat hier bewaakt wordt.`,
  none: 'Hier wordt geen hub bewaakt. `bewaak <hubnaam>` start een bewaking.',
  list: 'Hubs die hier bewaakt worden:',
  listLine: (hub, every, lastRun, active) =>
    `**${hub}**, ${every}${lastRun ? `, laatst gecontroleerd ${lastRun} UTC` : ', nog niet gecontroleerd'}${active ? '' : ' — **uit**: ik kon hier niet meer posten (voeg me opnieuw toe en bewaak de hub dan opnieuw)'}`,
  where: { channel: 'in dit kanaal (elke melding start een nieuwe thread)', groupChat: 'in deze chat', personal: 'in deze chat' },
};

export function watchCommandStrings(lang: Lang): WatchCommandStrings {
  return lang === 'nl' ? nl : en;
}
