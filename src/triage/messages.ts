// Message patterns: the 401003 article's symptom-2 messages in English and as the nl-NL article renders
// them, the RBAC form, and the generic SAS/token wording SDKs and services print. SDK status words
// (enums, exception names) live in sdkVocabulary.ts. Each pattern is bounded so a hostile line cannot
// make it backtrack.
import { mayMatch, requiredNeedles } from './regexNeedles';
import type { FindingDetails, FindingKind, TimelineEventType } from './types';

export interface MessageMatch {
  /** A credential finding this line proves on its own. */
  kind?: FindingKind;
  /** Or a timeline event (benign SDK renewal, reconnect, ...). */
  event?: TimelineEventType;
  /** The renewal is IoT Edge dropping a client whose token expired: the client must reconnect itself. */
  expiryDrop?: true;
  details: FindingDetails;
  deviceId?: string;
  hub?: string;
  index: number;
}

interface Pattern {
  re: RegExp;
  /** Benign SDK renewal/reauthorisation lines: timeline events, not credential proof. */
  benign?: true;
  /** Failures that are not about authentication (throttling, network): never credential proof. */
  other?: true;
  build(m: RegExpExecArray): Omit<MessageMatch, 'index'>;
}

const ID = "([^'\\s\\r\\n]{1,128})";
const HEX = '([0-9A-Fa-f]{0,128})';

const PATTERNS: Pattern[] = [
  { re: /Authorization header missing|Autorisatiekoptekst ontbreekt/i, build: () => ({ kind: 'authorization-header-missing', details: {} }) },
  {
    re: new RegExp(`IotHub '${ID}' (?:does not contain the specified device|bevat niet het opgegeven apparaat) '${ID}'`, 'i'),
    build: (m) => ({ kind: 'device-not-registered', hub: m[1], deviceId: m[2], details: {} }),
  },
  {
    re: new RegExp(`(?:Authorization rule|Autorisatieregel) '${ID}' (?:does not allow access for|staat geen toegang toe voor) '([^'\\r\\n]{1,128})'`, 'i'),
    build: (m) => ({ kind: 'authorization-rule-denied', details: { rule: m[1], operation: m[2] } }),
  },
  {
    re: /Authentication failed for this device,? renew token or certificate and reconnect|Verificatie is mislukt voor dit apparaat/i,
    build: () => ({ kind: 'authentication-failed', details: {} }),
  },
  {
    re: new RegExp(
      `(?:Thumbprint does not match configuration|Duimafdruk komt niet overeen met de configuratie):?\\s{0,3}(?:Thumbprint|Duimafdruk):?\\s{0,3}SHA1Hash=${HEX},?\\s{0,3}SHA2Hash=${HEX};?\\s{0,3}(?:Configuration|Configuratie):?\\s{0,3}PrimaryThumbprint=${HEX},?\\s{0,3}SecondaryThumbprint=${HEX}`,
      'i',
    ),
    build: (m) => ({
      kind: 'thumbprint-mismatch',
      details: {
        presentedSha1: m[1] || undefined,
        presentedSha256: m[2] || undefined,
        configuredPrimary: m[3] || undefined,
        configuredSecondary: m[4] || undefined,
        presentedAuthType: 'x509',
      },
    }),
  },
  { re: /Thumbprint does not match configuration|Duimafdruk komt niet overeen met de configuratie/i, build: () => ({ kind: 'thumbprint-mismatch', details: { presentedAuthType: 'x509' } }) },
  {
    re: /Principal ([^\s]{1,256}) is not authorized for ([A-Z]{1,10}) on ([^\s]{1,512}) due to no assigned permissions/i,
    build: (m) => ({ kind: 'rbac-permission-missing', details: { principal: m[1], operation: `${m[2]} ${m[3]}` } }),
  },
  {
    re: /SAS token has an invalid signature|does not match either the primary or secondary key|invalid signature/i,
    build: () => ({ kind: 'sas-signature-invalid', details: { presentedAuthType: 'sas' } }),
  },
  // Benign renewal before "expired": "SAS token expired, renewing" is the SDK doing its job.
  { re: /(?:SAS )?token (?:has |is )?expired[,;:]?\s{0,3}(?:-\s{0,2})?(?:renewing|refreshing|will renew|getting a new)|Renewing SAS Token|SAS token renewed|refreshing (?:the )?SAS token/i, benign: true, build: () => ({ event: 'renewal', details: { sdkRenewal: true } }) },
  // edgeHub's periodic re-authentication dropping an MQTT client whose token expired (Azure/iotedge#676).
  { re: /because the token (?:is expired or could not be parsed|has expired|could not be parsed)/i, benign: true, build: () => ({ event: 'renewal', details: {}, expiryDrop: true }) },
  { re: /reauthori[sz]ation successful/i, benign: true, build: () => ({ event: 'reauthorized', details: {} }) },
  { re: /SAS token (?:is |has )?expired|token (?:is |has )expired|ExpiredToken|TokenExpired/i, build: () => ({ kind: 'sas-token-expired', details: { presentedAuthType: 'sas' } }) },
  { re: /clock skew|time drift|clock drift|ClockSkew/i, build: () => ({ kind: 'clock-skew', details: {} }) },
  { re: /ErrorCode:IotHubUnauthorizedAccess/i, build: () => ({ kind: 'credentials-rejected', details: { errorName: 'IotHubUnauthorizedAccess' } }) },
  // MQTT CONNACK 5 as any client words it (mosquitto, Paho, MQTT.js), British spelling included; CircuitPython's
  // MiniMQTT names the refusals of the identity and its credential (CONNACK 2, 4, 5) "Connection Refused - …".
  {
    re: /Connection Refused:? not authori[sz]ed|Not authori[sz]ed to connect|CONNACK \(5\)|Connection Refused - (?:Unauthori[sz]ed|Incorrect username\/password|ID Rejected)/i,
    build: () => ({ kind: 'credentials-rejected', details: { protocol: 'Mqtt' } }),
  },
  // The Java SDK's IotHubStatusCode for a message the hub refused with 401, as its samples print it
  // ("IoT Hub responded to message 0 with status UNAUTHORIZED"): the enum's name, in capitals.
  { re: /\bwith status:? {1,2}UNAUTHORIZED\b/, build: () => ({ kind: 'credentials-rejected', details: {} }) },
  // The C SDK's HTTP transport naming the hub's answer: 401, or 404 for a disabled or deleted identity
  // (azure-iot-sdk-c#1507). Only with the transport's file name: any other client's 401 may be another service's.
  { re: /iothubtransporthttp\.c\b[^\n]{0,200}unexpected HTTP status code \(40[14]\)/i, build: () => ({ kind: 'credentials-rejected', details: {} }) },
  // Node's device samples printing an operation's Error whose whole message is the status text
  // ("send event error: Error: Unauthorized", azure-iot-sdks#210).
  { re: /\b(?:send(?: ?event)?|receive|open|connect|sendEvent) error: Error: Unauthori[sz]ed[.!]?[ \t]*(?:\r?\n|$)/i, build: () => ({ kind: 'credentials-rejected', details: {} }) },
  // The hub throttled or failed the request: not an authentication problem.
  {
    other: true,
    re: /request has been throttled|(?:status(?: code)?|HTTP\/\d(?:\.\d)?|response status)[:=\s]{1,3}(429|50[0-4])\b|too many (429|50[0-4]) error responses/i,
    build: (m) => ({ kind: 'other-iothub-error', details: { errorCode: (m[1] ?? m[2]) === '429' || !(m[1] ?? m[2]) ? '429001' : '500001', message: m[0] } }),
  },
  // The client never reached the hub (DNS, ESP-IDF's esp-tls included; TLS trust; refused or reset connections): not authentication.
  {
    other: true,
    re: /getaddrinfo (?:ENOTFOUND|EAI_AGAIN)|couldn't get hostname for|\bE(?:CONNREFUSED|CONNRESET|TIMEDOUT|HOSTUNREACH|NETUNREACH)\b|Name or service not known|nodename nor servname provided|Temporary failure in name resolution|unable to get local issuer certificate|self[- ]signed certificate in certificate chain|CERTIFICATE_VERIFY_FAILED|certificate verify failed/i,
    build: (m) => ({ kind: 'other-iothub-error', details: { message: m[0] } }),
  },
];

/** Cheap pre-filter: only text with one of these words is worth the full pattern list. */
const TRIGGER = /authoriz|authoris|refused|autorisatie|does not contain|bevat niet|authentic|verificatie|thumbprint|duimafdruk|principal|signature|expired|renew|refresh|skew|drift|ErrorCode:|throttl|status|HTTP\/|error responses|getaddrinfo|\bE[A-Z]{4,}|name|certificate|CERTIFICATE/i;

// Per pattern, the words it cannot match without (regexNeedles.ts): a pattern whose words are all
// absent is not run, and its regex is never compiled.
const NEEDLES = PATTERNS.map((p) => requiredNeedles(p.re));

/** Each pattern's source and its needles (undefined: always run), for tests. */
export function messageNeedles(): { source: string; needles: string[] | undefined }[] {
  return PATTERNS.map((p, k) => ({ source: p.re.source, needles: NEEDLES[k] }));
}

/** The first matching message pattern in a text (most specific first); `gate` false runs every pattern (for tests). */
export function matchMessage(text: string, gate = true): MessageMatch | undefined {
  if (!TRIGGER.test(text)) return undefined;
  const lower = text.toLowerCase();
  let benign: { p: Pattern; m: RegExpExecArray } | undefined;
  for (let k = 0; k < PATTERNS.length; k++) {
    const p = PATTERNS[k];
    if (gate && !mayMatch(p.re, NEEDLES[k], text, lower)) continue;
    const m = p.re.exec(text);
    if (!m) continue;
    if (p.benign) {
      benign ??= { p, m };
      continue;
    }
    // "SAS token expired, renewing" is the SDK at work: a benign phrase around the match wins.
    if (benign && benign.m.index <= m.index && benign.m.index + benign.m[0].length >= m.index + m[0].length) break;
    return Object.assign(p.build(m), { index: m.index });
  }
  return benign ? Object.assign(benign.p.build(benign.m), { index: benign.m.index }) : undefined;
}

/**
 * The sources of every pattern that proves a credential finding, split by case sensitivity: the fleet
 * query (fleetKql.ts) matches the same messages in the workspace, so it reads them from here.
 */
export function credentialPatternSources(): { caseInsensitive: string[]; caseSensitive: string[] } {
  const out = { caseInsensitive: [] as string[], caseSensitive: [] as string[] };
  for (const p of PATTERNS) if (!p.benign && !p.other) (p.re.ignoreCase ? out.caseInsensitive : out.caseSensitive).push(p.re.source);
  return out;
}
