// The fleet query text: valid KQL with the expected result schema (checked by Kusto's own language
// service), the device rules' thresholds interpolated, and chat-supplied names only ever one literal.
import fc from 'fast-check';
import { DEVICE_RULES } from '../../src/triage/deviceRules';
import {
  CREDENTIAL_CODES,
  FLEET_COLUMNS,
  FLEET_MAX_DEVICES,
  FLEET_SINCE,
  SINCE_DURATION,
  fleetKql,
  isCredentialMessage,
} from '../../src/triage/fleetKql';
import { codeInfo } from '../../src/triage/codes';
import { matchMessage } from '../../src/triage/messages';
import { analyse, parse } from './kustoCheck';
import { COLUMN_TYPES } from './kqlReference';
import { CREDENTIAL_MESSAGES } from './synthFleet';

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

describe('fleetKql', () => {
  const base = fleetKql({ hub: 'contoso-iot-prod', since: '24h' });
  const baseAnalysis = analyse(base);

  test('is valid KQL over AzureDiagnostics and returns exactly the columns the mapping reads', () => {
    expect(baseAnalysis.diagnostics).toEqual([]);
    expect(baseAnalysis.columns).toEqual(FLEET_COLUMNS.map((name) => ({ name, type: COLUMN_TYPES[name] ?? 'long' })));
    const drill = analyse(fleetKql({ hub: 'contoso-iot-prod', deviceId: 'pump-0042', since: '1h' }));
    expect(drill.diagnostics).toEqual([]);
    expect(drill.columns.map((c) => c.name)).toEqual([...FLEET_COLUMNS]);
  });

  test('interpolates the shared device rules, the row cap and the credential codes as numbers', () => {
    const r = DEVICE_RULES;
    for (const line of [
      `let CloseBefore = ${r.closeBeforeSeconds}s;`,
      `let CloseAfter = ${r.closeAfterSeconds}s;`,
      `let RetryGap = ${r.retryGapMinutes}m;`,
      `let UnrecoveredMin = ${r.unrecoveredMin};`,
      `let ErrorOnlyMinPairs = ${r.errorOnlyMinPairs};`,
      `let ErrorOnlyMinRetries = ${r.errorOnlyMinRetries};`,
      `let MaxDevices = ${FLEET_MAX_DEVICES};`,
    ]) {
      expect(base).toContain(line);
    }
    expect(fleetKql({ hub: 'h-1', maxDevices: 7 })).toContain('let MaxDevices = 7;');
    // A cap that is not a sane whole number falls back to the default instead of reaching the query.
    expect(fleetKql({ hub: 'h-1', maxDevices: Number.NaN })).toContain(`let MaxDevices = ${FLEET_MAX_DEVICES};`);
    for (const c of CREDENTIAL_CODES) expect(codeInfo(c)?.role).toBe('credential');
  });

  test('filters the hub by resource id suffix and puts no time filter in the text (the timespan does that)', () => {
    const hub = baseAnalysis.tokens.filter((t) => t.isString && t.value.startsWith('/iothubs/'));
    expect(hub.map((t) => t.value)).toEqual(['/iothubs/contoso-iot-prod']);
    expect(base).toContain('| where _ResourceId endswith HubSuffix');
    expect(base).not.toMatch(/ago\(/);
    expect(fleetKql({ hub: 'contoso-iot-prod.azure-devices.net' })).toContain('"/iothubs/contoso-iot-prod"');
  });

  test('hostile hub names and device ids stay one inert string literal', () => {
    const shape = (q: string) => parse(q).tokens.map((t) => (t.isString ? 'STR' : t.text));
    const benign = shape(fleetKql({ hub: 'contoso-iot-prod', deviceId: 'x', since: '6h' }));
    const classics = [
      'x" | take 1 //',
      'x"; AzureDiagnostics | project properties_s //',
      '\\" or 1 == 1 or DeviceId == "',
      'x\n| union SigninLogs',
      "x' or '1'=='1",
      'x\u2028| take 1',
      'x\\',
      '@"x',
    ];
    const check = (hub: string, deviceId: string) => {
      const p = parse(fleetKql({ hub: `h${hub}`, deviceId, since: '6h' }));
      expect(p.diagnostics).toEqual([]);
      expect(p.tokens.map((t) => (t.isString ? 'STR' : t.text))).toEqual(benign);
      const values = p.tokens.filter((t) => t.isString).map((t) => t.value);
      expect(values).toContain(deviceId.replace(UNSAFE, ''));
      expect(values).toContain(`/iothubs/h${hub}`.replace(UNSAFE, '').trim());
    };
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.constantFrom(...classics)), fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.constantFrom(...classics)), (hub, deviceId) => {
        fc.pre(!/\.azure-devices\.net\/?\s*$/i.test(hub));
        check(hub, deviceId);
      }),
      { numRuns: 40 }, // Kusto.Language runs as transpiled .NET: ~0.2 s a parse
    );
    // And bound against the schema, the classic injections still leave a query with no errors.
    for (const c of classics) expect(analyse(fleetKql({ hub: 'contoso-iot-prod', deviceId: c })).diagnostics).toEqual([]);
  });

  test('every window maps to an ISO-8601 duration', () => {
    for (const s of FLEET_SINCE) expect(SINCE_DURATION[s]).toMatch(/^P(T\d+H|\d+D)$/);
  });
});

describe('credential messages in the query = the engine matcher', () => {
  const samples = [
    ...CREDENTIAL_MESSAGES,
    'Authorization header missing',
    "Principal ops@contoso.com is not authorized for GET on /devices/x due to no assigned permissions",
    'The specified SAS token has an invalid signature. It does not match either the primary or secondary key.',
    'SAS token expired',
    'UnauthorizedError: mqtt.js returned Connection refused: Not authorized error',
    'azure.iot.device.exceptions.CredentialError: Credentials invalid, could not connect',
    'Connection Not Accepted: 0x5: Not Authorized',
    'IOTHUB_CLIENT_CONNECTION_BAD_CREDENTIAL',
    'bad_credential in lower case',
    'UnauthorizedException: CONNECT failed: RefusedNotAuthorized',
    'Put token failed. status-code: 401, status-description: Unauthorized',
    'File:iothubtransporthttp.c Func:DoEvent Line:1821 unexpected HTTP status code (404)',
    'send event error: Error: Unauthorized',
    'MMQTTException: Connection Refused - ID Rejected',
    'IoT Hub responded to message 0 with status UNAUTHORIZED',
    'responded with status unauthorized in lower case',
    'AxiosError: Request failed with status code 401',
    '{"Message":"ErrorCode:IotHubUnauthorizedAccess;Unauthorized"}',
    'device clock skew detected',
    'Duimafdruk komt niet overeen met de configuratie',
    'IoTHubUnauthorized',
    '401003',
    'DeviceConnectionClosedRemotely',
    'IOTHUB_CLIENT_CONNECTION_EXPIRED_SAS_TOKEN',
    'SasTokenStage: Renewing SAS Token',
    'Connection reauthorization successful',
    'ServerError',
    '',
  ];

  test('known messages: the query flags exactly those that name a finding kind', () => {
    for (const m of samples) expect([m, isCredentialMessage(m)]).toEqual([m, matchMessage(m)?.kind !== undefined]);
  });

  test('random text around the phrases: still the same decision', () => {
    const fragment = fc.oneof(
      fc.constantFrom(...samples),
      fc.constantFrom('token', 'expired', 'is ', 'has ', 'SAS ', 'clock', ' skew', 'BAD_CREDENTIAL', '_', 'x', ' ', "'", 'IotHub '),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 6 }), (parts) => {
        const m = parts.join('');
        expect([m, isCredentialMessage(m)]).toEqual([m, matchMessage(m)?.kind !== undefined]);
      }),
      { numRuns: 400 },
    );
  });
});
