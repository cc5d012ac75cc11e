// Message patterns: the 401003 article's symptom-2 messages, the RBAC form, and what device SDKs print.
// Each pattern is bounded so a hostile line cannot make it backtrack.
import type { FindingDetails, FindingKind, TimelineEventType } from './types';

export interface MessageMatch {
  /** A credential finding this line proves on its own. */
  kind?: FindingKind;
  /** Or a timeline event (benign SDK renewal, reconnect, ...). */
  event?: TimelineEventType;
  details: FindingDetails;
  deviceId?: string;
  hub?: string;
  index: number;
}

interface Pattern {
  re: RegExp;
  /** Benign SDK renewal/reauthorisation lines: timeline events, not credential proof. */
  benign?: true;
  build(m: RegExpExecArray): Omit<MessageMatch, 'index'>;
}

const ID = "([^'\\s\\r\\n]{1,128})";
const HEX = '([0-9A-Fa-f]{0,128})';

const PATTERNS: Pattern[] = [
  { re: /Authorization header missing/i, build: () => ({ kind: 'authorization-header-missing', details: {} }) },
  {
    re: new RegExp(`IotHub '${ID}' does not contain the specified device '${ID}'`, 'i'),
    build: (m) => ({ kind: 'device-not-registered', hub: m[1], deviceId: m[2], details: {} }),
  },
  {
    re: new RegExp(`Authorization rule '${ID}' does not allow access for '([^'\\r\\n]{1,128})'`, 'i'),
    build: (m) => ({ kind: 'authorization-rule-denied', details: { rule: m[1], operation: m[2] } }),
  },
  {
    re: /Authentication failed for this device,? renew token or certificate and reconnect/i,
    build: () => ({ kind: 'authentication-failed', details: {} }),
  },
  {
    re: new RegExp(
      `Thumbprint does not match configuration:?\\s{0,3}Thumbprint:?\\s{0,3}SHA1Hash=${HEX},?\\s{0,3}SHA2Hash=${HEX};?\\s{0,3}Configuration:?\\s{0,3}PrimaryThumbprint=${HEX},?\\s{0,3}SecondaryThumbprint=${HEX}`,
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
  { re: /SAS token (?:is |has )?expired|token (?:is |has )expired|ExpiredToken/i, build: () => ({ kind: 'sas-token-expired', details: { presentedAuthType: 'sas' } }) },
  { re: /clock skew|time drift|clock drift|ClockSkew/i, build: () => ({ kind: 'clock-skew', details: {} }) },
  // SDK outcomes that mean the hub refused the credential.
  { re: /mqtt\.js returned Connection refused: Not authorized/i, build: () => ({ kind: 'credentials-rejected', details: { sdk: 'node' } }) },
  { re: /CredentialError: Credentials invalid/i, build: () => ({ kind: 'credentials-rejected', details: { sdk: 'python' } }) },
  { re: /CONNACK \(5\)|Connection Refused: not authori[sz]ed/i, build: () => ({ kind: 'credentials-rejected', details: { protocol: 'Mqtt' } }) },
  { re: /Connection Not Accepted: 0x5: Not Authorized/i, build: () => ({ kind: 'credentials-rejected', details: { sdk: 'c' } }) },
  { re: /IOTHUB_CLIENT_CONNECTION_BAD_CREDENTIAL|\bBAD_CREDENTIAL\b/, build: () => ({ kind: 'credentials-rejected', details: { sdk: 'c' } }) },
  { re: /IOTHUB_CLIENT_CONNECTION_DEVICE_DISABLED|\bDEVICE_DISABLED\b/, build: () => ({ kind: 'device-disabled', details: {} }) },
  { re: /CONNECT failed: RefusedNotAuthorized/i, build: () => ({ kind: 'credentials-rejected', details: { sdk: 'dotnet' } }) },
  { re: /Put token failed\. status-code: 401/i, build: () => ({ kind: 'credentials-rejected', details: { sdk: 'dotnet', protocol: 'Amqp' } }) },
  { re: /sdk\.iot\.device\.exceptions\.UnauthorizedException|IotHubUnauthorizedException/, build: () => ({ kind: 'credentials-rejected', details: { sdk: 'java' } }) },
  { re: /ErrorCode:IotHubUnauthorizedAccess/i, build: () => ({ kind: 'credentials-rejected', details: { errorName: 'IotHubUnauthorizedAccess' } }) },
  // Benign SDK token renewal: the SDK expected this and reconnects by itself.
  { re: /IOTHUB_CLIENT_CONNECTION_EXPIRED_SAS_TOKEN|\bEXPIRED_SAS_TOKEN\b/, benign: true, build: () => ({ event: 'renewal', details: { sdkRenewal: true } }) },
  { re: /SasTokenStage:? Renewing SAS Token|Renewing SAS token|SAS token renewed/i, benign: true, build: () => ({ event: 'renewal', details: { sdkRenewal: true } }) },
  { re: /reauthorization successful|IOTHUB_CLIENT_CONNECTION_OK|IOTHUB_CLIENT_CONNECTION_AUTHENTICATED/i, benign: true, build: () => ({ event: 'reauthorized', details: {} }) },
];

/** Cheap pre-filter: only lines with one of these words are worth the full pattern list. */
const TRIGGER = /authoriz|authoris|CONNACK|does not contain|authentic|thumbprint|duimafdruk|principal|signature|expired|skew|drift|refused|credential|0x5|IOTHUB_CLIENT|SasToken|SAS token|Put token|UnauthorizedException|UnauthorizedError|UnauthorizedAccess|BAD_CREDENTIAL|DEVICE_DISABLED/i;

/** The first matching message pattern in a line (most specific first). */
export function matchMessage(text: string): MessageMatch | undefined {
  if (!TRIGGER.test(text)) return undefined;
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (m) return { ...p.build(m), index: m.index };
  }
  return undefined;
}

/**
 * The sources of every pattern that proves a credential finding, split by case sensitivity: the fleet
 * query (fleetKql.ts) matches the same messages in the workspace, so it reads them from here.
 */
export function credentialPatternSources(): { caseInsensitive: string[]; caseSensitive: string[] } {
  const out = { caseInsensitive: [] as string[], caseSensitive: [] as string[] };
  for (const p of PATTERNS) if (!p.benign) (p.re.ignoreCase ? out.caseInsensitive : out.caseSensitive).push(p.re.source);
  return out;
}
