// Device ids, module ids and hub names in free text: structural places first (MQTT username,
// /devices/<id>, a token's sr=, AMQP SASL user, the 404001 and 401003 messages), then position — never
// a token shaped like an SDK, a class, a host, a version or a tracking id. Bounded patterns only.

// IoT Hub allows [A-Za-z0-9-.%_*?!(),:=@$'] in device ids; in prose we accept the common subset so a
// trailing comma, colon or quote is not swallowed.
const ID_REST = "A-Za-z0-9\\-._%*?!@$";
const ID_CHARS = `[A-Za-z0-9][${ID_REST}]{0,127}`;
// A device id may hold ':' (IoT Hub allows it; IoT Edge devices are often named by a MAC address,
// "b8:27:eb:59:4a:f2_18"): read only where a "/module" follows, so "device pump-7: refused" stays "pump-7".
const ID_CHARS_COLON = `[A-Za-z0-9](?:[${ID_REST}:]{0,126}[${ID_REST}])?`;
const HUB = '([A-Za-z0-9][A-Za-z0-9-]{1,48}[A-Za-z0-9])';
// In a URL path or an MQTT username a '?' starts the query, never the id.
const PATH_ID = ID_CHARS.replace('?', '');

export interface IdHit {
  index?: number;
  deviceId?: string;
  moduleId?: string;
  hub?: string;
  source: string;
}

/** Path segments that follow /devices/ in service REST paths but are not device ids. */
const NOT_IDS = new Set(['iothubs', 'query', 'bulk', 'jobs', 'configurations', 'import', 'export', 'statistics', 'twins', 'modules', 'messages', 'methods']);

// `hint`: a lower-case substring every match contains, checked first so a long line without it costs one scan.
const STRUCTURAL: { re: RegExp; hint: string; source: string; pick(m: RegExpExecArray): IdHit | undefined }[] = [
  // MQTT CONNECT username: <hub>.azure-devices.net/<device>[/<module>]/?api-version=...
  {
    re: new RegExp(`${HUB}\\.azure-devices\\.net/(${PATH_ID})(?:/(${PATH_ID}))?/\\??api-version`, 'gi'),
    hint: '.azure-devices.net/',
    source: 'mqtt-username',
    pick: (m) => ({ hub: m[1].toLowerCase(), deviceId: m[2], moduleId: m[3], source: 'mqtt-username' }),
  },
  {
    re: new RegExp(`(?<![A-Za-z0-9.])devices/(${PATH_ID})(?:/modules/(${PATH_ID}))?`, 'g'),
    hint: 'devices/',
    source: 'devices-path',
    pick: (m) => ({ deviceId: m[1], moduleId: m[2], source: 'devices-path' }),
  },
  {
    re: new RegExp(`%2Fdevices%2F([A-Za-z0-9][A-Za-z0-9\\-._*!@$]{0,127})(?:%2Fmodules%2F([A-Za-z0-9][A-Za-z0-9\\-._*!@$]{0,127}))?`, 'gi'),
    hint: '%2fdevices%2f',
    source: 'encoded-devices-path',
    pick: (m) => ({ deviceId: m[1], moduleId: m[2], source: 'encoded-devices-path' }),
  },
  // AMQP SASL PLAIN user: <device>@sas.<hub> (a policy is <policy>@sas.root.<hub>)
  {
    re: new RegExp(`(?<![A-Za-z0-9\\-._])(${ID_CHARS.replace('@$', '$')})@sas\\.(?!root\\.)${HUB}`, 'gi'),
    hint: '@sas.',
    source: 'amqp-user',
    pick: (m) => ({ deviceId: m[1], hub: m[2].toLowerCase(), source: 'amqp-user' }),
  },
  // 404001 and friends: "Device pump-9 not registered", "device 'pump-9'", "Device pump-9 is disabled"
  {
    re: new RegExp(`\\b[Dd]evice\\s{1,2}'?(${ID_CHARS})'?\\s{1,2}(?:not registered|is not registered|is disabled|not found|was not found|does not exist)`, 'g'),
    hint: 'evice',
    source: 'device-message',
    pick: (m) => ({ deviceId: m[1].replace(/[.']+$/, ''), source: 'device-message' }),
  },
  // mosquitto's log: "Client <id> sending CONNECT" (the MQTT client id is the device id).
  {
    re: new RegExp(`\\bClient (${ID_CHARS}) (?:sending CONNECT|received CONNACK)`, 'g'),
    hint: 'client ',
    source: 'mqtt-client',
    pick: (m) => ({ deviceId: m[1], source: 'mqtt-client' }),
  },
  // az CLI and SDK samples: --device-id X / -d X.
  {
    re: new RegExp(`(?:^|\\s)(?:--device-id|-d)\\s{1,2}['"]?(${ID_CHARS})`, 'g'),
    hint: '-d',
    source: 'cli-flag',
    pick: (m) => ({ deviceId: m[1].replace(/['".]+$/, ''), source: 'cli-flag' }),
  },
  // IoT Edge hub names clients "<device>/<module>" (modules) or "<device>" after "for", "client" or "device".
  {
    re: new RegExp(`\\b(?:for|[Cc]lient|[Dd]evice(?: Id)?|of)\\s{1,2}(?:device\\s{1,2}|client\\s{1,2}|device Id\\s{1,2})?(${ID_CHARS_COLON})/(\\$?${ID_CHARS})`, 'g'),
    hint: '/',
    source: 'edge-client',
    pick: (m) => (FILE.test(m[2]) || /^(?:devices|modules|usr|src|lib|home|var|opt|etc|bin)$/i.test(m[1]) ? undefined : { deviceId: m[1], moduleId: m[2], source: 'edge-client' }),
  },
  {
    re: new RegExp(`\\b(?:for|[Cc]lient)\\s{1,2}(?:device\\s{1,2}|client\\s{1,2}|device Id\\s{1,2})?(${ID_CHARS})(?![/\\w-]|:[A-Za-z0-9])`, 'g'),
    hint: ' ',
    source: 'client-named',
    pick: (m) => (/\d|[-_]/.test(m[1]) && /[A-Za-z]/.test(m[1]) && notAnIdShape(m[1]) ? { deviceId: m[1].replace(/[.]+$/, ''), source: 'client-named' } : undefined),
  },
  {
    re: new RegExp(`\\b(?:[Dd]evice|apparaat)\\s{1,2}'(${ID_CHARS})'`, 'g'),
    hint: "'",
    source: 'device-quoted',
    pick: (m) => ({ deviceId: m[1].replace(/[.']+$/, ''), source: 'device-quoted' }),
  },
];

const HUBS: RegExp[] = [
  new RegExp(`\\b${HUB}\\.azure-devices\\.net`, 'i'),
  new RegExp(`/IOTHUBS/${HUB}`, 'i'),
  new RegExp(`IotHub '${HUB}'`, 'i'),
];

function clean(id: string): string {
  return id.replace(/[.]+$/, '');
}

/** Structural device/module/hub mentions in a text, in order found. */
export function structuralIds(text: string, max = 8): IdHit[] {
  const out: IdHit[] = [];
  if (!/devices|@sas\.|evice|apparaat|for |lient |-d /i.test(text)) return out;
  const lower = text.toLowerCase();
  for (const p of STRUCTURAL) {
    if (!lower.includes(p.hint)) continue;
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text)) && out.length < max) {
      const hit = p.pick(m);
      if (!hit) continue;
      if (hit.deviceId) {
        hit.deviceId = clean(p.source === 'encoded-devices-path' ? decodeURIComponentSafe(hit.deviceId) : hit.deviceId);
        if (NOT_IDS.has(hit.deviceId.toLowerCase())) continue;
      }
      if (hit.moduleId) hit.moduleId = clean(hit.moduleId);
      hit.index = m.index;
      out.push(hit);
    }
  }
  return out;
}

/** The first hub named in a text (host name, resource id, 401003 message), lower-cased. */
export function findHub(text: string): string | undefined {
  if (!/azure-devices|iothubs|iothub '/i.test(text)) return undefined;
  for (const re of HUBS) {
    const m = re.exec(text);
    if (m) return m[1].toLowerCase();
  }
  return undefined;
}

/** Values that sit where an id goes but are placeholders or redactions, not ids. */
const PLACEHOLDER = /^[<{[(]|^(?:null|undefined|none|n\/?a|unknown|x{3,}|\*+|\.\.\.|\[REDACTED\])$|^(?:my|your)[-_]?(?:device|module)[-_]?id$|^your[-_]?(?:device|module)(?:[-_]?name)?$|^(?:device|module)[-_]?(?:id|name)$|x{4,}/i;

export function isPlaceholderId(value: string): boolean {
  return PLACEHOLDER.test(value);
}

export function hubFromResourceId(resourceId: unknown): string | undefined {
  if (typeof resourceId !== 'string') return undefined;
  const m = /\/IOTHUBS\/([A-Za-z0-9-]{3,50})/i.exec(resourceId);
  return m ? m[1].toLowerCase() : undefined;
}

/** The hub of a host name "<hub>.azure-devices.net", lower-cased. */
export function hubFromHostName(host: string): string | undefined {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9-]{1,48}[A-Za-z0-9])\.azure-devices\.net\b/i.exec(host);
  return m ? m[1].toLowerCase() : undefined;
}

export function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// Shapes that are never device ids even when they carry letters and digits.
const SDK_OR_PLATFORM = /^(?:azure[-_.]?iot|azure[-_.]devices|iothub[-_]?client|iothub[-_]|microsoft[._]azure|com[._]microsoft|paho|mqtt[._]?js|mqttnet|u?amqp|iot[-_]?edge|edge[-_]?(?:hub|agent)|aziot|dotnet|net(?:core|standard)?\d|node[-_]?v?\d|python\d|py\d|java\d|jdk|jre|openssl|libssl|ubuntu|debian|linux|alpine|x86|x64|amd64|aarch64|arm(?:v\d|64|hf)?|win(?:dows)?[-_]?\d|tls[-_v]?\d|ssl[-_v]?\d|http[s]?\d|utf[-_]?\d|sha[-_]?\d|x509|rsa[-_]?\d|ecc|base64|ipv[46]|api[-_]version|mqtts?[-_]?v?\d|amqps?[-_]?v?\d|websocket|ws[-_]?\d)/i;
const FILE = /\.(?:c|h|cs|java|py|js|ts|go|rs|cpp|hpp|json|csv|log|txt|yaml|yml|xml|dll|so|exe|jar|pem|crt|key|cer|pfx)$/i;
const HOST = /\.(?:net|com|org|io|cn|de|us|local|internal|windows|azure)$|azure-devices|\.cloudapp\.|\.blob\.|\.servicebus\./i;
const CLASS = /(?:Exception|Error|Client|Handler|Transport|Provider|Factory|Manager|Callback|Stage|Pipeline|Service|Helper|Module)$|^[a-z]+(?:\.[a-z]+){2,}|^[A-Z][a-z]+(?:\.[A-Z][A-Za-z]+)+/;
const TRACKING = /[0-9a-f]{12,}|^[0-9a-f]{8}-[0-9a-f]{4}-|-G:\d|TimeStamp/i;
const VERSIONISH = /^v?\d|\d+\.\d+\.\d+|^(?:rc|beta|alpha|preview)\d/i;
// Thread names, python/java module paths, az CLI sub-commands.
const RUNTIME = /^(?:Thread|pool|worker|task)-\d|^(?:urllib3?|requests|asyncio|concurrent|java|javax|org|com|net|io|sun|jdk|System|Microsoft)\.|^(?:send|create|show|list|delete|update|generate|monitor|invoke|get|set|add|remove)(?:-[a-z0-9]+)+$/;

/** False for tokens shaped like an SDK or platform name, a class, a host, a file, a version or a tracking id. */
export function notAnIdShape(token: string): boolean {
  return !(SDK_OR_PLATFORM.test(token) || FILE.test(token) || HOST.test(token) || CLASS.test(token) || TRACKING.test(token) || VERSIONISH.test(token) || RUNTIME.test(token));
}

// Positional device-id candidates: a token with letters AND digits, joined by - _ or . ("pump-0042").
const CANDIDATE = /(?<![A-Za-z0-9\-._/@$%])([A-Za-z][A-Za-z0-9]{0,40}(?:[-_.][A-Za-z0-9]{1,40}){1,6})(?![A-Za-z0-9\-_/@(]|\.[A-Za-z0-9]|\s{1,4}[\w.-]{1,40}\[\d{1,9}\]:)/g;

export function deviceIdCandidates(text: string, max = 20, exclude?: ReadonlySet<string>): string[] {
  // A candidate needs a separator and (below) a digit: prose without them has none, and skips the scan.
  if ((text.indexOf('-') === -1 && text.indexOf('_') === -1 && text.indexOf('.') === -1) || !/\d/.test(text)) return [];
  const out = new Set<string>();
  CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let seen = 0;
  while ((m = CANDIDATE.exec(text)) && out.size < max && seen++ < 400) {
    const id = clean(m[1]);
    if (!/\d/.test(id)) continue; // "token-expiry" is a word, "pump-0042" a device
    if (!notAnIdShape(id)) continue;
    if (exclude && (exclude.has(id.toLowerCase()) || exclude.has(id.split('.')[0].toLowerCase()))) continue;
    out.add(id);
  }
  return [...out];
}
