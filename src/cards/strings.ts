// The cards' own UI labels in English and Dutch. Explanations and fix steps are not here: they come
// from the knowledge base (src/triage/knowledge.ts), so one fact is written once.
import type { DeviceEnding, Lang, RegisteredAuthType, SecretKind, Verdict } from '../triage/types';

export interface CardStrings {
  /** Words that say the verdict even without colour (colour is never the only signal). */
  status: Record<Verdict, string>;
  verdictName: Record<Verdict, string>;
  endsWith: Record<DeviceEnding, string>;
  secretKind: Record<SecretKind, string>;
  authType: Record<RegisteredAuthType, string>;
  read: (records: number, lines: number) => string;
  devices: string;
  moreDevices: (n: number) => string;
  deviceCounts: (unauthorized: number, closed: number, connected: number) => string;
  keyEvidence: string;
  line: (n: number) => string;
  whatToDo: string;
  docLabel: string;
  secretGeneric: string;
  noActionNeeded: string;
  timeline: string;
  timelineSummary: (episodes: number, lifetime?: number, reconnect?: number) => string;
  time: string;
  reconnect: string;
  noReconnect: string;
  gapToNext: string;
  moreEpisodes: (n: number) => string;
  notes: string;
  registryNotDone: string;
  explainNotDone: string;
  registrySource: string;
  deviceState: string;
  connection: string;
  connected: string;
  disconnected: string;
  lastActivity: string;
  status_: string;
  statusChanged: string;
  connectionChanged: string;
  notInRegistry: string;
  secretTitle: string;
  secretBody: (kinds: string) => string;
  secretRotate: string[];
  secretShown: string;
  showEvidence: string;
  evidence: string;
  moreFindings: (n: number) => string;
  explanationTitle: string;
  explanationDisclaimer: string;
  followUp: string;
  helpful: string;
  yes: string;
  no: string;
  lookUpDevice: string;
  showKql: string;
  explain: string;
  checkHub: string;
  // device card
  deviceTitle: string;
  lookupFailed: string;
  /** The device card's in-place refresh (verb lookupDevice with refresh: true). */
  refresh: string;
  /** When the registry was read for this card (UTC clock time), first look-up or refresh. */
  checkedAt: (time: string, refreshed: boolean) => string;
  notFound: (hub?: string) => string;
  // device card: several hubs and DPS
  hubsTitle: string;
  hubRegistered: (status: string, auth: string) => string;
  hubNotRegistered: string;
  hubNearMatch: (id: string) => string;
  hubFailed: string;
  hubNotAsked: string;
  hubNotConfigured: string;
  dpsTitle: string;
  dpsAssigned: (hub: string, when: string) => string;
  dpsState: (status: string) => string;
  authTypeLabel: string;
  thumbprints: string;
  modules: string;
  enabled: string;
  disabled: string;
  keysHidden: string;
  // KQL card
  kqlTitle: string;
  kqlForDevice: string;
  kqlHowTo: string;
  kqlEmpty: string;
  // help / welcome / examples / error / thanks
  helpTitle: string;
  helpPasteTitle: string;
  helpPaste: string[];
  helpSecrets: string;
  /** The hubs a lookup searches (names only); `discovered` are the ones Resource Graph found. */
  helpHubs: (configured: string, discovered: string) => string;
  welcomeTitle: string;
  welcomeBody: string;
  welcomeNext: string;
  examplesTitle: string;
  examplesIntro: string;
  errorTitle: string;
  errorNext: string;
  verdictFailed: string;
  exampleTitles: { churn: string; thumbprint: string; notRegistered: string; expiredSas: string };
  thanksTitle: string;
  thanksBody: string;
  none: string;
}

const en: CardStrings = {
  status: {
    'token-expiry-churn': '✅ No action needed',
    'credential-problem': '⛔ Action needed',
    mixed: '⚠️ Action needed for some devices',
    'not-auth-related': 'ℹ️ Not an authentication problem',
    inconclusive: '❔ Not enough evidence to decide',
  },
  verdictName: {
    'token-expiry-churn': 'Token-expiry churn (benign)',
    'credential-problem': 'Credential problem',
    mixed: 'Mixed',
    'not-auth-related': 'Not auth-related',
    inconclusive: 'Inconclusive',
  },
  endsWith: {
    connected: 'ends connected',
    unauthorized: 'ends unauthorized',
    'closed-remotely': 'ends closed by the hub',
    disconnected: 'ends disconnected',
    unknown: 'end unknown',
  },
  secretKind: {
    'shared-access-key': 'shared access key',
    'sas-signature': 'SAS token signature',
    'connection-string': 'connection string',
    'symmetric-key': 'symmetric key',
    'private-key': 'private key',
  },
  authType: { sas: 'SAS (symmetric key)', selfSigned: 'X.509 self-signed', certificateAuthority: 'X.509 CA-signed', none: 'none' },
  read: (records, lines) => (records > 0 ? `Read ${records} record(s) in ${lines} line(s)` : `Read ${lines} line(s)`),
  devices: 'Devices',
  moreDevices: (n) => `… and ${n} more device(s)`,
  deviceCounts: (u, c, k) => `401003 ×${u} · 404104 ×${c} · connects ×${k}`,
  keyEvidence: 'Key evidence',
  line: (n) => `line ${n}`,
  whatToDo: 'What to do',
  docLabel: 'Documentation',
  secretGeneric: 'a key or signature',
  noActionNeeded: 'No action needed: the SDK renews the token and reconnects by itself.',
  timeline: 'Churn timeline',
  timelineSummary: (e, l, r) =>
    [`${e} episode(s)`, l !== undefined ? `token lifetime ≈ ${l} min` : '', r !== undefined ? `median reconnect ${r} s` : '']
      .filter(Boolean)
      .join(' · '),
  time: 'Time (UTC)',
  reconnect: 'Reconnect',
  noReconnect: '✗ none',
  gapToNext: 'Gap to next',
  moreEpisodes: (n) => `… and ${n} more episode(s)`,
  notes: 'Notes',
  registryNotDone: 'Registry lookup not done: ',
  explainNotDone: 'AI explanation unavailable: ',
  registrySource: 'Registry: ',
  deviceState: 'Device state',
  connection: 'Connection',
  connected: 'Connected',
  disconnected: 'Disconnected',
  lastActivity: 'Last activity',
  status_: 'Status',
  statusChanged: 'Status changed',
  connectionChanged: 'Connection state changed',
  notInRegistry: 'Not found in the registry',
  secretTitle: '🔑 A secret was pasted',
  secretBody: (k) => `This paste contained ${k}. It is redacted everywhere here, but treat it as exposed and rotate it.`,
  secretRotate: [
    'Regenerate the exposed key (device: az iot hub device-identity renew-key; policy: az iot hub policy renew-key).',
    'Update every device or service that used it, then check that they reconnect.',
    'Delete the message that contains the secret.',
  ],
  secretShown: 'What was pasted (redacted):',
  showEvidence: 'Show evidence',
  evidence: 'Evidence',
  moreFindings: (n) => `… and ${n} more finding(s)`,
  explanationTitle: '🤖 Explanation (AI)',
  explanationDisclaimer: 'Generated by AI from the redacted evidence. The verdict above comes from the rules, not from the AI.',
  followUp: 'You could ask next:',
  helpful: 'Was this helpful?',
  yes: '👍 Yes',
  no: '👎 No',
  lookUpDevice: 'Look up device',
  showKql: 'Show KQL',
  explain: 'Explain',
  checkHub: 'Check the whole hub',
  deviceTitle: 'Device',
  lookupFailed: 'The registry lookup could not be done: ',
  refresh: 'Refresh',
  checkedAt: (time, refreshed) => `${refreshed ? 'Refreshed' : 'Looked up'} at ${time} UTC`,
  notFound: (hub) => (hub ? `Not registered in ${hub}.` : 'Not registered in this IoT hub.'),
  hubsTitle: 'Hubs',
  hubRegistered: (status, auth) => `registered (${status}, ${auth})`,
  hubNotRegistered: 'not registered',
  hubNearMatch: (id) => `not registered; "${id}" is (the ID differs in case or spaces)`,
  hubFailed: 'could not be asked',
  hubNotAsked: 'not asked (over the limit or out of time)',
  hubNotConfigured: 'not configured for this bot',
  dpsTitle: 'DPS',
  dpsAssigned: (hub, when) => `assigned to ${hub}${when ? ` on ${when}` : ''}`,
  dpsState: (status) => `registration ${status}`,
  authTypeLabel: 'Authentication',
  thumbprints: 'Thumbprints (primary / secondary)',
  modules: 'Modules',
  enabled: 'enabled',
  disabled: 'disabled',
  keysHidden: 'Keys are never shown.',
  kqlTitle: 'KQL: IoT Hub Connections logs',
  kqlForDevice: 'For device ',
  kqlHowTo: 'Run this in the Log Analytics workspace that receives the hub\'s "Connections" diagnostic logs, then paste the result here.',
  kqlEmpty: 'No query available yet: paste some log lines or a device ID first.',
  helpTitle: 'IoT Hub Triage: help',
  helpPasteTitle: 'What you can paste',
  helpPaste: [
    'IoT Hub error lines (401003 IoTHubUnauthorized, 404104, …)',
    'Resource-log JSON or a Log Analytics export (CSV, TSV, JSON)',
    'An SDK stack trace or log',
    'Event Grid DeviceConnected / DeviceDisconnected events',
    'A device ID, a SAS token or a connection string',
  ],
  helpSecrets: 'Secrets (keys, signatures) are redacted before anything else reads them, but rotate anything you paste.',
  helpHubs: (configured, discovered) => `Hubs I search: ${configured || 'none configured'}${discovered ? `; found by discovery: ${discovered}` : ''}.`,
  welcomeTitle: '👋 IoT Hub Triage',
  welcomeBody:
    'Paste the 401003 IoTHubUnauthorized evidence you are looking at. I will tell you whether it is benign token-expiry churn or a credential problem, with the evidence and what to do.',
  welcomeNext: 'Type "help" for commands or "examples" for sample pastes.',
  examplesTitle: 'Examples to paste',
  examplesIntro: 'Copy one of these into the chat to see a triage. They contain no real secrets.',
  errorTitle: '😕 Something went wrong',
  errorNext: 'Try again, or type "help". If it keeps happening, share the time of this message with the bot\'s owner.',
  verdictFailed: 'The result could not be shown as a card.',
  exampleTitles: {
    churn: 'Token-expiry churn (benign): 401003, 404104, reconnect, every hour',
    thumbprint: 'X.509 thumbprint mismatch',
    notRegistered: 'Device not registered in the hub it connects to (with several hubs: the hub that has it)',
    expiredSas: 'An expired SAS token (signature already removed)',
  },
  thanksTitle: 'Thanks for the feedback',
  thanksBody: 'It helps us tune the triage rules.',
  none: '—',
};

const nl: CardStrings = {
  status: {
    'token-expiry-churn': '✅ Geen actie nodig',
    'credential-problem': '⛔ Actie nodig',
    mixed: '⚠️ Actie nodig voor sommige apparaten',
    'not-auth-related': 'ℹ️ Geen authenticatieprobleem',
    inconclusive: '❔ Onvoldoende bewijs om te beslissen',
  },
  verdictName: {
    'token-expiry-churn': 'Tokenverloop-churn (onschuldig)',
    'credential-problem': 'Probleem met referenties',
    mixed: 'Gemengd',
    'not-auth-related': 'Geen authenticatie',
    inconclusive: 'Onbeslist',
  },
  endsWith: {
    connected: 'eindigt verbonden',
    unauthorized: 'eindigt ongeautoriseerd',
    'closed-remotely': 'eindigt gesloten door de hub',
    disconnected: 'eindigt verbroken',
    unknown: 'einde onbekend',
  },
  secretKind: {
    'shared-access-key': 'gedeelde toegangssleutel',
    'sas-signature': 'SAS-tokenhandtekening',
    'connection-string': 'verbindingsreeks',
    'symmetric-key': 'symmetrische sleutel',
    'private-key': 'privésleutel',
  },
  authType: { sas: 'SAS (symmetrische sleutel)', selfSigned: 'X.509 zelfondertekend', certificateAuthority: 'X.509 CA-ondertekend', none: 'geen' },
  read: (records, lines) => (records > 0 ? `${records} record(s) gelezen in ${lines} regel(s)` : `${lines} regel(s) gelezen`),
  devices: 'Apparaten',
  moreDevices: (n) => `… en nog ${n} apparaat/apparaten`,
  deviceCounts: (u, c, k) => `401003 ×${u} · 404104 ×${c} · verbindingen ×${k}`,
  keyEvidence: 'Belangrijkste bewijs',
  line: (n) => `regel ${n}`,
  whatToDo: 'Wat te doen',
  docLabel: 'Documentatie',
  secretGeneric: 'een sleutel of handtekening',
  noActionNeeded: 'Geen actie nodig: de SDK vernieuwt het token en maakt zelf opnieuw verbinding.',
  timeline: 'Churn-tijdlijn',
  timelineSummary: (e, l, r) =>
    [`${e} episode(s)`, l !== undefined ? `tokenlevensduur ≈ ${l} min` : '', r !== undefined ? `mediaan herverbinden ${r} s` : '']
      .filter(Boolean)
      .join(' · '),
  time: 'Tijd (UTC)',
  reconnect: 'Herverbinden',
  noReconnect: '✗ geen',
  gapToNext: 'Tot volgende',
  moreEpisodes: (n) => `… en nog ${n} episode(s)`,
  notes: 'Opmerkingen',
  registryNotDone: 'Register niet geraadpleegd: ',
  explainNotDone: 'AI-uitleg niet beschikbaar: ',
  registrySource: 'Register: ',
  deviceState: 'Apparaatstatus',
  connection: 'Verbinding',
  connected: 'Verbonden',
  disconnected: 'Niet verbonden',
  lastActivity: 'Laatste activiteit',
  status_: 'Status',
  statusChanged: 'Status gewijzigd',
  connectionChanged: 'Verbindingsstatus gewijzigd',
  notInRegistry: 'Niet gevonden in het register',
  secretTitle: '🔑 Er is een geheim geplakt',
  secretBody: (k) => `Deze plakinvoer bevatte ${k}. Het is hier overal weggelakt, maar beschouw het als gelekt en vervang het.`,
  secretRotate: [
    'Genereer de gelekte sleutel opnieuw (apparaat: az iot hub device-identity renew-key; beleid: az iot hub policy renew-key).',
    'Werk elk apparaat of elke dienst bij die de sleutel gebruikte en controleer dat ze opnieuw verbinden.',
    'Verwijder het bericht met het geheim.',
  ],
  secretShown: 'Wat er geplakt is (weggelakt):',
  showEvidence: 'Toon bewijs',
  evidence: 'Bewijs',
  moreFindings: (n) => `… en nog ${n} bevinding(en)`,
  explanationTitle: '🤖 Uitleg (AI)',
  explanationDisclaimer: 'Door AI gegenereerd uit het weggelakte bewijs. Het oordeel hierboven komt van de regels, niet van de AI.',
  followUp: 'Je kunt hierna vragen:',
  helpful: 'Was dit nuttig?',
  yes: '👍 Ja',
  no: '👎 Nee',
  lookUpDevice: 'Apparaat opzoeken',
  showKql: 'Toon KQL',
  explain: 'Leg uit',
  checkHub: 'Controleer de hele hub',
  deviceTitle: 'Apparaat',
  lookupFailed: 'Het register kon niet worden geraadpleegd: ',
  refresh: 'Vernieuwen',
  checkedAt: (time, refreshed) => `${refreshed ? 'Vernieuwd' : 'Opgezocht'} om ${time} UTC`,
  notFound: (hub) => (hub ? `Niet geregistreerd in ${hub}.` : 'Niet geregistreerd in deze IoT-hub.'),
  hubsTitle: 'Hubs',
  hubRegistered: (status, auth) => `geregistreerd (${status}, ${auth})`,
  hubNotRegistered: 'niet geregistreerd',
  hubNearMatch: (id) => `niet geregistreerd; "${id}" wel (het ID verschilt in hoofdletters of spaties)`,
  hubFailed: 'kon niet worden gevraagd',
  hubNotAsked: 'niet gevraagd (boven de limiet of te laat)',
  hubNotConfigured: 'niet ingesteld voor deze bot',
  dpsTitle: 'DPS',
  dpsAssigned: (hub, when) => `toegewezen aan ${hub}${when ? ` op ${when}` : ''}`,
  dpsState: (status) => `registratie ${({ assigning: 'bezig', unassigned: 'niet toegewezen', failed: 'mislukt', disabled: 'uitgeschakeld', assigned: 'toegewezen' } as Record<string, string>)[status] ?? status}`,
  authTypeLabel: 'Authenticatie',
  thumbprints: 'Vingerafdrukken (primair / secundair)',
  modules: 'Modules',
  enabled: 'ingeschakeld',
  disabled: 'uitgeschakeld',
  keysHidden: 'Sleutels worden nooit getoond.',
  kqlTitle: 'KQL: IoT Hub Connections-logboeken',
  kqlForDevice: 'Voor apparaat ',
  kqlHowTo: 'Voer dit uit in de Log Analytics-werkruimte die de "Connections"-diagnoselogboeken van de hub ontvangt en plak het resultaat hier.',
  kqlEmpty: 'Nog geen query beschikbaar: plak eerst logregels of een apparaat-ID.',
  helpTitle: 'IoT Hub Triage: hulp',
  helpPasteTitle: 'Wat je kunt plakken',
  helpPaste: [
    'IoT Hub-foutregels (401003 IoTHubUnauthorized, 404104, …)',
    'Resource-log-JSON of een Log Analytics-export (CSV, TSV, JSON)',
    'Een SDK-stacktrace of -logboek',
    'Event Grid-gebeurtenissen DeviceConnected / DeviceDisconnected',
    'Een apparaat-ID, een SAS-token of een verbindingsreeks',
  ],
  helpSecrets: 'Geheimen (sleutels, handtekeningen) worden weggelakt voordat iets anders ze leest, maar vervang alles wat je plakt.',
  helpHubs: (configured, discovered) => `Hubs waarin ik zoek: ${configured || 'geen ingesteld'}${discovered ? `; gevonden via discovery: ${discovered}` : ''}.`,
  welcomeTitle: '👋 IoT Hub Triage',
  welcomeBody:
    'Plak het 401003 IoTHubUnauthorized-bewijs dat je bekijkt. Ik vertel je of het onschuldige tokenverloop-churn is of een probleem met referenties, met het bewijs en wat je moet doen.',
  welcomeNext: 'Typ "help" voor commando\'s of "examples" voor voorbeelden.',
  examplesTitle: 'Voorbeelden om te plakken',
  examplesIntro: 'Kopieer er een naar de chat om een triage te zien. Ze bevatten geen echte geheimen.',
  errorTitle: '😕 Er ging iets mis',
  errorNext: 'Probeer het opnieuw of typ "help". Blijft het gebeuren, geef dan het tijdstip van dit bericht door aan de beheerder van de bot.',
  verdictFailed: 'Het resultaat kon niet als kaart worden getoond.',
  exampleTitles: {
    churn: 'Tokenverloop-churn (onschuldig): 401003, 404104, herverbinden, elk uur',
    thumbprint: 'X.509-vingerafdruk komt niet overeen',
    notRegistered: 'Apparaat niet geregistreerd in de hub waarmee het verbindt (met meerdere hubs: de hub die het wel kent)',
    expiredSas: 'Een verlopen SAS-token (handtekening al verwijderd)',
  },
  thanksTitle: 'Bedankt voor je feedback',
  thanksBody: 'Het helpt ons de triageregels bij te stellen.',
  none: '—',
};

const STRINGS: Record<Lang, CardStrings> = { en, nl };

/** Labels for a language; unknown languages fall back to English rather than failing. */
export function strings(lang: Lang): CardStrings {
  return STRINGS[lang] ?? en;
}
