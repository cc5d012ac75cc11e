// IoT Hub error codes, each once: number, name, how it bears on the churn/credential question, and a
// short explanation in English and Dutch (troubleshoot-error-codes article). The engine, the knowledge
// base, the cards and the fleet query all read this table.
import type { Lang } from './types';

export interface CodeInfo {
  code: string;
  name: string;
  /** How the code bears on the churn/credential question. */
  role: 'unauthorized' | 'closed-remotely' | 'credential' | 'other';
  text: Record<Lang, string>;
}

const TABLE: CodeInfo[] = [
  {
    code: '400027',
    name: 'ConnectionForcefullyClosedOnNewConnection',
    role: 'other',
    text: {
      en: 'Another client connected with the same device identity, so IoT Hub closed this connection. Give every client its own identity (look for a duplicated device or a second running instance).',
      nl: 'Een andere client verbond met dezelfde device-identity, dus IoT Hub sloot deze verbinding. Geef elke client een eigen identity (zoek naar een gekloond device of een tweede draaiende instantie).',
    },
  },
  {
    code: '401000',
    name: 'GenericUnauthorized',
    role: 'credential',
    text: {
      en: 'A generic authorization failure: handle it like 401003 and check the credential and its permissions.',
      nl: 'Een algemene autorisatiefout: behandel die als 401003 en controleer de credentials en de rechten.',
    },
  },
  {
    code: '401001',
    name: 'IotHubNotFound',
    role: 'credential',
    text: {
      en: 'The IoT hub named in the request does not exist: a wrong host name in the connection string, or the hub was deleted.',
      nl: 'De IoT-hub uit het verzoek bestaat niet: een verkeerde hostnaam in de connection string, of de hub is verwijderd.',
    },
  },
  {
    code: '401002',
    name: 'IotHubUnauthorizedAccess',
    role: 'credential',
    text: {
      en: 'The caller is not authorized for this hub or operation: the token, key or policy does not grant it.',
      nl: 'De aanroeper heeft geen toegang tot deze hub of bewerking: het token, de key of de policy staat het niet toe.',
    },
  },
  {
    code: '401003',
    name: 'IoTHubUnauthorized',
    role: 'unauthorized',
    text: {
      en: 'The token could not be validated (expired, wrong key, or not valid for this resource). Followed by 404104 and a quick reconnect about once an hour, it is benign token-expiry churn.',
      nl: 'Het token kon niet gevalideerd worden (verlopen, verkeerde key of niet geldig voor deze resource). Gevolgd door 404104 en een snelle herverbinding, ongeveer één keer per uur, is het onschuldige token-verloop-churn.',
    },
  },
  {
    code: '401004',
    name: 'ElasticPoolNotFound',
    role: 'other',
    text: {
      en: 'An internal IoT Hub resource (elastic pool) was not found. Not a device problem; if it persists, open a support request.',
      nl: 'Een interne IoT Hub-resource (elastic pool) werd niet gevonden. Geen deviceprobleem; houdt het aan, open dan een supportverzoek.',
    },
  },
  {
    code: '401100',
    name: 'SystemModuleModifyUnauthorizedAccess',
    role: 'credential',
    text: {
      en: 'A system module ($edgeAgent, $edgeHub) may not be changed this way; change it through an IoT Edge deployment.',
      nl: 'Een systeemmodule ($edgeAgent, $edgeHub) mag zo niet gewijzigd worden; wijzig die via een IoT Edge-deployment.',
    },
  },
  {
    code: '403002',
    name: 'IotHubQuotaExceeded',
    role: 'other',
    text: {
      en: 'The hub\'s daily message quota is used up. Wait for the daily reset (00:00 UTC), add units or move to a higher tier.',
      nl: 'Het dagelijkse berichtenquotum van de hub is op. Wacht op de reset (00:00 UTC), voeg units toe of kies een hogere tier.',
    },
  },
  {
    code: '403004',
    name: 'DeviceMaximumQueueDepthExceeded',
    role: 'other',
    text: {
      en: 'The device\'s cloud-to-device queue is full (50 messages). The device must receive and complete its messages; send fewer, or purge the queue.',
      nl: 'De cloud-to-device-wachtrij van het device is vol (50 berichten). Het device moet zijn berichten ophalen en afronden; stuur er minder of leeg de wachtrij.',
    },
  },
  {
    code: '403006',
    name: 'DeviceMaximumActiveFileUploadLimitExceeded',
    role: 'other',
    text: {
      en: 'The device has too many file uploads open at once (10). Complete uploads with a notification before starting new ones.',
      nl: 'Het device heeft te veel gelijktijdige file-uploads open (10). Rond uploads af met een notificatie voordat je nieuwe start.',
    },
  },
  {
    code: '404001',
    name: 'DeviceNotFound',
    role: 'other',
    text: {
      en: 'The operation addressed a device ID that is not registered in this hub (check the ID and the hub).',
      nl: 'De bewerking ging naar een device-ID dat niet in deze hub geregistreerd is (controleer het ID en de hub).',
    },
  },
  {
    code: '404103',
    name: 'DeviceNotOnline',
    role: 'other',
    text: {
      en: 'A direct method was called on a device that is not connected. Make sure the device is online and subscribed to methods, or retry later.',
      nl: 'Er werd een direct method aangeroepen op een device dat niet verbonden is. Zorg dat het device online is en op methods geabonneerd, of probeer het later opnieuw.',
    },
  },
  {
    code: '404104',
    name: 'DeviceConnectionClosedRemotely',
    role: 'closed-remotely',
    text: {
      en: 'IoT Hub closed the device connection. About every 60–65 minutes together with 401003 and a reconnect within a minute it is token-expiry churn; otherwise look for network loss, keep-alive timeouts or a device crash.',
      nl: 'IoT Hub sloot de verbinding van het device. Ongeveer elke 60–65 minuten samen met 401003 en een herverbinding binnen een minuut is het token-verloop-churn; anders zoek je naar netwerkuitval, keep-alive-time-outs of een crash van het device.',
    },
  },
  {
    code: '409001',
    name: 'DeviceAlreadyExists',
    role: 'other',
    text: {
      en: 'A device with this ID already exists in the hub; use another ID or update the existing identity.',
      nl: 'Er bestaat al een device met dit ID in de hub; kies een ander ID of werk de bestaande identity bij.',
    },
  },
  {
    code: '409002',
    name: 'LinkCreationConflict',
    role: 'other',
    text: {
      en: 'A second AMQP link was opened for the same device, usually as a side effect of a 404104 disconnect and reconnect. It clears when the client reconnects cleanly; use one connection per device.',
      nl: 'Er werd een tweede AMQP-link voor hetzelfde device geopend, meestal als bijwerking van een 404104-verbreking en herverbinding. Het verdwijnt als de client netjes opnieuw verbindt; gebruik één verbinding per device.',
    },
  },
  {
    code: '412002',
    name: 'DeviceMessageLockLost',
    role: 'other',
    text: {
      en: 'The device completed, rejected or abandoned a cloud-to-device message after its lock expired. Handle messages faster.',
      nl: 'Het device rondde een cloud-to-device-bericht af (of wees het af) nadat de lock verlopen was. Verwerk berichten sneller.',
    },
  },
  {
    code: '429001',
    name: 'ThrottlingException',
    role: 'other',
    text: {
      en: 'The hub\'s throttling limit for this operation was exceeded. Retry with backoff, spread the load, or add units / a higher tier.',
      nl: 'De throttlinglimiet van de hub voor deze bewerking is overschreden. Probeer opnieuw met backoff, spreid de belasting of voeg units toe / kies een hogere tier.',
    },
  },
  {
    code: '500001',
    name: 'ServerError',
    role: 'other',
    text: {
      en: 'An internal IoT Hub error, usually transient. Retry with backoff; if it persists, check Azure status or open a support request.',
      nl: 'Een interne fout in IoT Hub, meestal tijdelijk. Probeer opnieuw met backoff; houdt het aan, kijk dan op Azure-status of open een supportverzoek.',
    },
  },
  {
    code: '500008',
    name: 'GenericTimeout',
    role: 'other',
    text: {
      en: 'IoT Hub timed out completing the request, usually transient. Retry with backoff.',
      nl: 'IoT Hub kreeg het verzoek niet op tijd afgerond, meestal tijdelijk. Probeer opnieuw met backoff.',
    },
  },
  {
    code: '503003',
    name: 'PartitionNotFound',
    role: 'other',
    text: {
      en: 'A transient IoT Hub partition error (for example during a platform upgrade or failover). Retry with backoff.',
      nl: 'Een tijdelijke partitiefout in IoT Hub (bijvoorbeeld tijdens een platformupgrade of failover). Probeer opnieuw met backoff.',
    },
  },
  {
    code: '504101',
    name: 'GatewayTimeout',
    role: 'other',
    text: {
      en: 'The device did not answer a direct method or twin request in time. Check that the device is online and handles the call, or raise the response timeout.',
      nl: 'Het device gaf niet op tijd antwoord op een direct method of twin-verzoek. Controleer of het device online is en de aanroep afhandelt, of verhoog de response-time-out.',
    },
  },
  {
    code: '400029',
    name: 'FaultInjection',
    role: 'other',
    text: {
      en: 'A connection closed on purpose by IoT Hub fault injection or a platform upgrade. The SDK reconnects by itself; nothing to fix.',
      nl: 'Een verbinding die IoT Hub bewust sloot (fault injection of een platformupgrade). De SDK verbindt zelf opnieuw; niets te herstellen.',
    },
  },
  {
    code: '400030',
    name: 'FaultInjection',
    role: 'other',
    text: {
      en: 'A connection closed on purpose by IoT Hub fault injection or a platform upgrade. The SDK reconnects by itself; nothing to fix.',
      nl: 'Een verbinding die IoT Hub bewust sloot (fault injection of een platformupgrade). De SDK verbindt zelf opnieuw; niets te herstellen.',
    },
  },
];

/** Any 500xxx-504xxx the table does not name: a server-side error the article treats as transient. */
const SERVER_FAMILY = /^50[0-4]\d{3}$/;
const SERVER_TEXT: Record<Lang, string> = {
  en: 'A server-side IoT Hub error (5xx family), usually transient. Retry with backoff; if it persists, check Azure status or open a support request.',
  nl: 'Een fout aan de serverkant van IoT Hub (5xx-familie), meestal tijdelijk. Probeer opnieuw met backoff; houdt het aan, kijk dan op Azure-status of open een supportverzoek.',
};

const BY_CODE = new Map(TABLE.map((c) => [c.code, c]));
const BY_NAME = new Map<string, CodeInfo>();
for (const c of TABLE) if (!BY_NAME.has(c.name.toLowerCase())) BY_NAME.set(c.name.toLowerCase(), c);
// Spellings seen in the wild, and the names as the nl-NL 401003 article's machine translation renders them.
// Not the bare word "Unauthorized": HTTP 401, amqp:unauthorized-access and UnauthorizedException say a
// credential was refused, not that the hub answered 401003 (csharp#3487 showed a 401002 as "401003 ×2").
const ALIASES: Record<string, string> = {
  iothubunauthorized: '401003',
  'deviceconnectionconnectionop afstand gesloten': '404104',
  deviceconnectionremotely: '404104',
};
for (const [alias, code] of Object.entries(ALIASES)) BY_NAME.set(alias, BY_CODE.get(code)!);

export function codeInfo(code: string): CodeInfo | undefined {
  const known = BY_CODE.get(code);
  if (known) return known;
  if (SERVER_FAMILY.test(code)) return { code, name: 'ServerError', role: 'other', text: SERVER_TEXT };
  return undefined;
}

export function codeByName(name: string): CodeInfo | undefined {
  return BY_NAME.get(name.toLowerCase().replace(/\s+/g, ' '));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s{1,3}');
}

/** Codes by number or by name anywhere in a line: a linear scan with one alternation. */
export const CODE_TOKEN = new RegExp(
  '\\b(' +
    ['50[0-4]\\d{3}', ...TABLE.map((c) => c.code), ...[...new Set([...TABLE.map((c) => c.name), ...Object.keys(ALIASES)])].sort((a, b) => b.length - a.length).map(escape)].join('|') +
    ')\\b',
  'gi',
);

export function lookupToken(token: string): CodeInfo | undefined {
  return /^\d{6}$/.test(token) ? codeInfo(token) : codeByName(token);
}
