// The fleet card's own labels in English and Dutch. Finding titles come from the knowledge base.
import type { FleetFailure } from '../fleet/types';
import type { Lang } from '../triage/types';

export interface FleetStrings {
  title: (hub: string) => string;
  deviceTitle: string;
  window: (since: string) => string;
  headline: { credential: (n: number) => string; other: (n: number) => string; churn: (n: number) => string; fine: string; empty: string };
  totals: { devices: string; credential: string; churn: string; other: string; fine: string; window: string };
  partial: string;
  truncated: (shown: number, total: number) => string;
  credentialTitle: string;
  otherTitle: string;
  churnTitle: string;
  churnLine: (n: number, lifetime?: string, reconnect?: string) => string;
  more: (n: number) => string;
  counts: (unauthorized: number, trailing: number, closed: number, connected: number) => string;
  details: string;
  lookUp: string;
  backToHub: string;
  checkAgain: string;
  watchHub: string;
  showQuery: string;
  queryHowTo: (since?: string) => string;
  emptyHint: string;
  deviceEmpty: (deviceId: string) => string;
  facts: {
    unauthorized: string;
    trailing: string;
    recovered: string;
    closed: string;
    connected: string;
    retries: string;
    unreconnected: (minutes: number) => string;
    lifetime: string;
    reconnect: string;
    firstSeen: string;
    lastSeen: string;
  };
  findings: string;
  descriptions: string;
  failedTitle: string;
  failure: Record<FleetFailure, { title: string; hint: string }>;
}

const en: FleetStrings = {
  title: (hub) => `Hub ${hub}`,
  deviceTitle: 'Device on hub',
  window: (since) => `last ${since}`,
  headline: {
    credential: (n) => `⛔ ${n} device(s) with a credential problem`,
    other: (n) => `ℹ️ No credential problems; ${n} device(s) with other IoT Hub errors`,
    churn: (n) => `✅ Only token-expiry churn: ${n} device(s), no action needed`,
    fine: '✅ No 401003 problems found',
    empty: '❔ No Connections logs for this hub in that window',
  },
  totals: {
    devices: 'Devices with Connections logs',
    credential: 'Credential problem (action needed)',
    churn: 'Token-expiry churn (benign)',
    other: 'Other IoT Hub errors',
    fine: 'Fine / nothing decisive',
    window: 'Window',
  },
  partial: 'Partial result: Log Analytics could not read everything, so the counts may be low.',
  truncated: (shown, total) => `The list shows the worst ${shown} of ${total} devices; the totals count all of them.`,
  credentialTitle: 'Credential problems, worst first',
  otherTitle: 'Other IoT Hub errors',
  churnTitle: 'Token-expiry churn',
  churnLine: (n, l, r) => [`${n} device(s) renew their token and reconnect by themselves`, l ? `typical token lifetime ≈ ${l}` : '', r ? `typical reconnect ${r}` : ''].filter(Boolean).join(' · '),
  more: (n) => `… and ${n} more`,
  counts: (u, t, c, k) => `401003 ×${u} (after last connect ×${t}) · 404104 ×${c} · connects ×${k}`,
  details: 'Details',
  lookUp: 'Look up in registry',
  backToHub: 'Whole hub',
  checkAgain: 'Check again',
  watchHub: 'Watch this hub',
  showQuery: 'Show the query',
  queryHowTo: (since) => `Paste into Log Analytics › Logs and set the time range${since ? ` to the last ${since}` : ''}.`,
  emptyHint: 'Is the hub\'s diagnostic setting sending "Connections" logs to this workspace? Logs take a few minutes to arrive.',
  deviceEmpty: (id) => `No Connections logs for ${id} in that window.`,
  facts: {
    unauthorized: '401003 IoTHubUnauthorized',
    trailing: '401003 after the last connect',
    recovered: '401003 followed by a reconnect',
    closed: '404104 closed by the hub',
    connected: 'Successful connects',
    retries: '401003 < 15 min apart (retries)',
    unreconnected: (m) => `401003 without a reconnect within ${m} min`,
    lifetime: 'Typical token lifetime',
    reconnect: 'Typical reconnect after 401003',
    firstSeen: 'First seen (UTC)',
    lastSeen: 'Last seen (UTC)',
  },
  findings: 'Findings',
  descriptions: 'Most frequent messages',
  failedTitle: 'The hub check did not run',
  failure: {
    'not-configured': { title: 'Not configured', hint: 'Set LOG_ANALYTICS_WORKSPACE_ID (or IOTHUB_RESOURCE_ID) to the workspace that receives the hub\'s Connections logs.' },
    unauthorized: { title: 'Not allowed to read the workspace', hint: 'Give the bot\'s managed identity (or your own sign-in) the Log Analytics Reader role on the workspace.' },
    throttled: { title: 'Log Analytics is busy', hint: 'Too many queries right now; try again in a minute.' },
    timeout: { title: 'The query took too long', hint: 'Try a shorter window, e.g. 6h or 1h.' },
    'bad-request': { title: 'The workspace refused the query', hint: 'Check the hub name and that the workspace receives the hub\'s Connections logs.' },
    error: { title: 'Something went wrong', hint: 'Try again later, or run the query yourself in Log Analytics.' },
  },
};

const nl: FleetStrings = {
  title: (hub) => `Hub ${hub}`,
  deviceTitle: 'Apparaat op hub',
  window: (since) => `afgelopen ${since}`,
  headline: {
    credential: (n) => `⛔ ${n} apparaat/apparaten met een probleem met referenties`,
    other: (n) => `ℹ️ Geen problemen met referenties; ${n} apparaat/apparaten met andere IoT Hub-fouten`,
    churn: (n) => `✅ Alleen token-verloop: ${n} apparaat/apparaten, geen actie nodig`,
    fine: '✅ Geen 401003-problemen gevonden',
    empty: '❔ Geen Connections-logs voor deze hub in dat venster',
  },
  totals: {
    devices: 'Apparaten met Connections-logs',
    credential: 'Probleem met referenties (actie nodig)',
    churn: 'Token-verloop (onschuldig)',
    other: 'Andere IoT Hub-fouten',
    fine: 'In orde / niets doorslaggevends',
    window: 'Venster',
  },
  partial: 'Gedeeltelijk resultaat: Log Analytics kon niet alles lezen, de aantallen kunnen te laag zijn.',
  truncated: (shown, total) => `De lijst toont de ${shown} ernstigste van ${total} apparaten; de totalen tellen ze allemaal.`,
  credentialTitle: 'Problemen met referenties, ernstigste eerst',
  otherTitle: 'Andere IoT Hub-fouten',
  churnTitle: 'Token-verloop',
  churnLine: (n, l, r) => [`${n} apparaat/apparaten vernieuwen hun token en verbinden zelf opnieuw`, l ? `tokenlevensduur ≈ ${l}` : '', r ? `herverbinding ${r}` : ''].filter(Boolean).join(' · '),
  more: (n) => `… en nog ${n}`,
  counts: (u, t, c, k) => `401003 ×${u} (na laatste verbinding ×${t}) · 404104 ×${c} · verbindingen ×${k}`,
  details: 'Details',
  lookUp: 'Opzoeken in register',
  backToHub: 'Hele hub',
  checkAgain: 'Opnieuw controleren',
  watchHub: 'Bewaak deze hub',
  showQuery: 'Toon de query',
  queryHowTo: (since) => `Plak in Log Analytics › Logboeken en zet het tijdsbereik${since ? ` op de afgelopen ${since}` : ''}.`,
  emptyHint: 'Stuurt de diagnostische instelling van de hub "Connections"-logs naar deze werkruimte? Logs komen na een paar minuten binnen.',
  deviceEmpty: (id) => `Geen Connections-logs voor ${id} in dat venster.`,
  facts: {
    unauthorized: '401003 IoTHubUnauthorized',
    trailing: '401003 na de laatste verbinding',
    recovered: '401003 gevolgd door herverbinding',
    closed: '404104 gesloten door de hub',
    connected: 'Geslaagde verbindingen',
    retries: '401003 < 15 min na elkaar (herhalingen)',
    unreconnected: (m) => `401003 zonder herverbinding binnen ${m} min`,
    lifetime: 'Gebruikelijke tokenlevensduur',
    reconnect: 'Gebruikelijke herverbinding na 401003',
    firstSeen: 'Eerst gezien (UTC)',
    lastSeen: 'Laatst gezien (UTC)',
  },
  findings: 'Bevindingen',
  descriptions: 'Meest voorkomende meldingen',
  failedTitle: 'De hubcontrole is niet uitgevoerd',
  failure: {
    'not-configured': { title: 'Niet ingesteld', hint: 'Zet LOG_ANALYTICS_WORKSPACE_ID (of IOTHUB_RESOURCE_ID) op de werkruimte die de Connections-logs van de hub ontvangt.' },
    unauthorized: { title: 'Geen leesrechten op de werkruimte', hint: 'Geef de beheerde identiteit van de bot (of je eigen aanmelding) de rol Log Analytics Reader op de werkruimte.' },
    throttled: { title: 'Log Analytics is druk', hint: 'Te veel query\'s op dit moment; probeer het over een minuut opnieuw.' },
    timeout: { title: 'De query duurde te lang', hint: 'Probeer een korter venster, bijvoorbeeld 6h of 1h.' },
    'bad-request': { title: 'De werkruimte weigerde de query', hint: 'Controleer de hub-naam en of de werkruimte de Connections-logs van de hub ontvangt.' },
    error: { title: 'Er ging iets mis', hint: 'Probeer het later opnieuw, of voer de query zelf uit in Log Analytics.' },
  },
};

export function fleetStrings(lang: Lang): FleetStrings {
  return lang === 'nl' ? nl : en;
}
