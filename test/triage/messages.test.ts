// Each message the 401003 article, the RBAC docs and the SDKs print maps to its finding kind.
import { triage, type FindingKind } from '../../src/triage';

const now = new Date('2026-11-29T12:00:00Z');
const kinds = (text: string) => triage(text, { now }).findings.map((f) => f.kind);

const cases: [string, string, FindingKind][] = [
  ['auth header', '2026-11-29T10:00:00Z 401003 IoTHubUnauthorized Authorization header missing', 'authorization-header-missing'],
  ['device not in hub', "2026-11-29T10:00:00Z ERROR 401003 IotHub 'contoso-iot-prod' does not contain the specified device 'pump-0999'", 'device-not-registered'],
  ['rule', "401003 Authorization rule 'registryRead' does not allow access for 'DeviceConnect'", 'authorization-rule-denied'],
  ['auth failed', '401003 Authentication failed for this device, renew token or certificate and reconnect', 'authentication-failed'],
  [
    'thumbprint',
    '401003 Thumbprint does not match configuration: Thumbprint: SHA1Hash=9A0B4C7D1E2F3A4B5C6D7E8F9A0B1C2D3E4F5A6B, SHA2Hash=1111111111111111111111111111111111111111111111111111111111111111; Configuration: PrimaryThumbprint=AB0B4C7D1E2F3A4B5C6D7E8F9A0B1C2D3E4F5A6C, SecondaryThumbprint=',
    'thumbprint-mismatch',
  ],
  ['thumbprint (nl)', '401003 Duimafdruk komt niet overeen met de configuratie', 'thumbprint-mismatch'],
  ['rbac', 'Principal svc-ops@contoso.com is not authorized for GET on /devices/pump-0042 due to no assigned permissions', 'rbac-permission-missing'],
  ['node sdk', 'UnauthorizedError: mqtt.js returned Connection refused: Not authorized error\n    at translateError (/app/node_modules/azure-iot-device-mqtt/dist/mqtt_translate_error.js:54:24)', 'credentials-rejected'],
  ['python sdk', 'azure.iot.device.exceptions.CredentialError: Credentials invalid, could not connect', 'credentials-rejected'],
  ['c sdk', 'Error: Time:Sun Nov 29 10:00:01 2026 File:mqtt_client.c Func:recvCompleteCallback Line:489 Connection Not Accepted: 0x5: Not Authorized', 'credentials-rejected'],
  ['c bad credential', 'ConnectionStatusCallback: IOTHUB_CLIENT_CONNECTION_UNAUTHENTICATED reason IOTHUB_CLIENT_CONNECTION_BAD_CREDENTIAL', 'credentials-rejected'],
  // The C SDK's name for a CONNACK 0x5 refusal, not the registry's word (sdkVocabulary.ts).
  ['c disabled', 'ConnectionStatusCallback: IOTHUB_CLIENT_CONNECTION_UNAUTHENTICATED reason IOTHUB_CLIENT_CONNECTION_DEVICE_DISABLED', 'credentials-rejected'],
  ['dotnet mqtt', 'Microsoft.Azure.Devices.Client.Exceptions.UnauthorizedException: CONNECT failed: RefusedNotAuthorized', 'credentials-rejected'],
  [
    'dotnet amqp',
    'Put token failed. status-code: 401, status-description: The specified SAS token has an invalid signature. It does not match either the primary or secondary key.',
    'sas-signature-invalid',
  ],
  ['java', 'com.microsoft.azure.sdk.iot.device.exceptions.UnauthorizedException: Unauthorized', 'credentials-rejected'],
  ['rest', '{"Message":"ErrorCode:IotHubUnauthorizedAccess;Unauthorized","ExceptionMessage":"Tracking ID:5f2e8c0a1b3d4e6f-G:10-TimeStamp:11/29/2026 10:00:00"}', 'credentials-rejected'],
  // The C SDK's HTTP transport naming the hub's 401; Node's samples printing an Error whose message is the status text (azure-iot-sdks#210).
  ['c http 401', 'Error: Time:Tue Apr 14 15:45:16 2020 File:iothubtransporthttp.c Func:DoEvent Line:1821 unexpected HTTP status code (401)', 'credentials-rejected'],
  ['node error: unauthorized', 'send event error: Error: Unauthorized', 'credentials-rejected'],
  // The hub's answer to a disabled or deleted identity over HTTP (azure-iot-sdk-c#1507).
  ['c http 404', 'Error: Time:Tue Apr 14 15:45:16 2020 File:iothubtransporthttp.c Func:DoEvent Line:1821 unexpected HTTP status code (404)', 'credentials-rejected'],
  // CircuitPython MiniMQTT's CONNACK 5 and 4; the Java SDK's IotHubStatusCode as its samples print it.
  ['minimqtt', 'MMQTTException: Connection Refused - Unauthorized', 'credentials-rejected'],
  ['minimqtt 4', 'MMQTTException: Connection Refused - Incorrect username/password', 'credentials-rejected'],
  ['minimqtt 2', 'MMQTTException: Connection Refused - ID Rejected', 'credentials-rejected'],
  ['java status', 'IoT Hub responded to message 0 with status UNAUTHORIZED', 'credentials-rejected'],
  // ESP-IDF's esp-tls could not resolve the hub: the device never reached it.
  ['esp-tls dns', 'E (802632) esp-tls: couldn\'t get hostname for :contoso-hub.azure-devices.net:', 'other-iothub-error'],
  ['clock', 'device clock skew of 7 minutes detected; token not yet valid', 'clock-skew'],
  ['429', '2026-11-29T10:00:00Z 429001 ThrottlingException', 'other-iothub-error'],
  ['400027', '2026-11-29T10:00:00Z deviceConnect 400027 ConnectionForcefullyClosedOnNewConnection', 'other-iothub-error'],
  ['500008', '2026-11-29T10:00:00Z 500008 GenericTimeout', 'other-iothub-error'],
];

test.each(cases)('%s', (_name, text, kind) => {
  expect(kinds(text)).toContain(kind);
});

test('thumbprint details are kept (presented and configured thumbprints)', () => {
  const t = triage(cases[4][1], { now });
  const f = t.findings.find((x) => x.kind === 'thumbprint-mismatch')!;
  expect(f.details.presentedSha1).toBe('9A0B4C7D1E2F3A4B5C6D7E8F9A0B1C2D3E4F5A6B');
  expect(f.details.configuredPrimary).toBe('AB0B4C7D1E2F3A4B5C6D7E8F9A0B1C2D3E4F5A6C');
  expect(f.details.configuredSecondary).toBeUndefined();
  expect(t.verdict).toBe('credential-problem');
});

test('device-not-registered names the hub and the device', () => {
  const f = triage(cases[1][1], { now }).findings.find((x) => x.kind === 'device-not-registered')!;
  expect(f.deviceId).toBe('pump-0999');
  expect(f.hub).toBe('contoso-iot-prod');
});

test("another service's 401 is no refusal by the hub", () => {
  // A 401 or "Unauthorized" without the hub's client in the line may be a registry, a web API or a dashboard.
  for (const text of [
    'Error: Unauthorized access to the dashboard',
    'we saw Unauthorized once',
    'ERROR: Unauthorized',
    'HTTP/1.1 401 Unauthorized',
    'AxiosError: Request failed with status code 401',
    'Error calling Create module opc: failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized',
    'pump-0042 telemetry: status=401 pressure=3.2',
    'Error: unexpected HTTP status code (404) fetching https://example.com/firmware.bin',
    'status 4010 of the pump',
  ]) {
    expect([text, kinds(text)]).toEqual([text, []]);
  }
});

test("a client's bare rejection joins the hub's coded rejection of the same device: one finding", () => {
  const text = [
    '2026-11-29T10:00:00Z Not authorized to connect: device pump-0042',
    '2026-11-29T10:00:00Z {"Message":"ErrorCode:IotHubUnauthorizedAccess;Unauthorized","ExceptionMessage":"401002 device pump-0042"}',
    '2026-11-29T10:05:00Z Not authorized to connect: device pump-0107',
  ].join('\n');
  const found = triage(text, { now }).findings.filter((f) => f.kind === 'credentials-rejected');
  expect(found.map((f) => [f.deviceId, f.details.errorCode, f.details.count])).toEqual([
    ['pump-0042', '401002', 2],
    ['pump-0107', undefined, 1],
  ]);
  expect(found[0].evidence.map((e) => e.line)).toEqual([1, 2]);
});

test('codes by name alone are recognised', () => {
  const t = triage('IoTHubUnauthorized\nDeviceConnectionClosedRemotely', { now });
  expect(t.recognised.codes.map((c) => c.code).sort()).toEqual(['401003', '404104']);
});

test('only other IoT Hub errors is not-auth-related', () => {
  const t = triage('2026-11-29T10:00:00Z 429001 ThrottlingException\n2026-11-29T10:01:00Z 500008 GenericTimeout', { now });
  expect(t.verdict).toBe('not-auth-related');
  expect(t.findings.map((f) => f.details.errorCode).sort()).toEqual(['429001', '500008']);
});

test('benign SDK renewal logs (C EXPIRED_SAS_TOKEN then OK) are churn', () => {
  const text = [
    '2026-11-29 08:48:00 ConnectionStatusCallback: IOTHUB_CLIENT_CONNECTION_UNAUTHENTICATED reason IOTHUB_CLIENT_CONNECTION_EXPIRED_SAS_TOKEN',
    '2026-11-29 08:48:02 ConnectionStatusCallback: IOTHUB_CLIENT_CONNECTION_AUTHENTICATED reason IOTHUB_CLIENT_CONNECTION_OK',
    '2026-11-29 09:36:00 ConnectionStatusCallback: IOTHUB_CLIENT_CONNECTION_UNAUTHENTICATED reason IOTHUB_CLIENT_CONNECTION_EXPIRED_SAS_TOKEN',
    '2026-11-29 09:36:03 ConnectionStatusCallback: IOTHUB_CLIENT_CONNECTION_AUTHENTICATED reason IOTHUB_CLIENT_CONNECTION_OK',
  ].join('\n');
  const t = triage(text, { now });
  expect(t.verdict).toBe('token-expiry-churn');
  expect(t.findings[0].details.sdkRenewal).toBe(true);
  expect(t.findings[0].details.tokenLifetimeMinutes).toBe(48);
});

test('benign SDK renewal logs (Python SasTokenStage + reauthorization) are churn', () => {
  const text = [
    '2026-11-29 08:58:00,001 INFO azure.iot.device.common.pipeline.pipeline_stages_base SasTokenStage: Renewing SAS Token...',
    '2026-11-29 08:58:01,120 INFO azure.iot.device.iothub.sync_clients Connection reauthorization successful',
  ].join('\n');
  expect(triage(text, { now }).verdict).toBe('token-expiry-churn');
});

test('a greeting alone is inconclusive and says what to paste', () => {
  const t = triage('Hi! Can you help me with our hub?', { now });
  expect(t.verdict).toBe('inconclusive');
  expect(t.notes.map((n) => n.code)).toEqual(expect.arrayContaining(['paste-more-context', 'run-kql']));
  expect(t.kql).toMatch(/Connections/);
});

test('a Dutch question naming a code and a device is inconclusive with a per-device query', () => {
  const t = triage('Hoi, we zien steeds 401003 bij pump-0042, is dit erg?', { now });
  expect(t.verdict).toBe('inconclusive');
  expect(t.recognised.codes.map((c) => c.code)).toContain('401003');
  expect(t.recognised.deviceIds).toContain('pump-0042');
  expect(t.kql).toContain('pump-0042');
});

test('a bare device id is recognised as one', () => {
  const t = triage('gateway-eu-01', { now });
  expect(t.recognised.shapes).toContain('device-id');
  expect(t.recognised.deviceIds).toEqual(['gateway-eu-01']);
});
