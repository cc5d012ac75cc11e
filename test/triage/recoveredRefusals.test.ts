// A client's bare refusal that its device is back from within two minutes is a drop, not a credential
// problem: the Java SDK's AMQP link closed with "Token Invalid." at each token expiry and reconnected at once
// (azure-iot-sdk-java#365: "this exception and reconnection about 1 time every hour"). The lines are that
// thread's; the hours and the reconnect lines are the rhythm the reporter describes.
import { triage } from '../../src/triage';

const now = new Date('2018-11-06T12:00:00Z');
const STATUS = 'AzureIoTHub [pool-18680-thread-1] DEBUG: IoTHub connection state callback, status:';
const EXCEPTION = [
  'com.microsoft.azure.sdk.iot.device.transport.amqps.exceptions.AmqpUnauthorizedAccessException: Token Invalid.',
  '        at com.microsoft.azure.sdk.iot.device.transport.amqps.AmqpsIotHubConnection.onLinkRemoteClose(AmqpsIotHubConnection.java:730)',
];

/** One drop at hh:36:30; the reconnect `backSeconds` later, or none. */
function drop(hour: number, backSeconds?: number, device = ''): string[] {
  const hh = String(hour).padStart(2, '0');
  const who = device ? ` device ${device}` : '';
  const lines = [`2018-11-06 ${hh}:36:30,101 ${STATUS} DISCONNECTED_RETRYING reason: BAD_CREDENTIAL${who}`, ...EXCEPTION];
  if (backSeconds !== undefined) {
    const t = new Date(Date.UTC(2018, 10, 6, hour, 36, 30 + backSeconds));
    const clock = t.toISOString().slice(11, 19);
    lines.push(`2018-11-06 ${clock},512 ${STATUS} CONNECTED reason: CONNECTION_OK${who}`);
  }
  return lines;
}

const kinds = (text: string) => triage(text, { now }).findings.map((f) => f.kind);

test('three hourly refusals, each reconnected within seconds, are token-expiry churn', () => {
  const t = triage([...drop(6, 2), ...drop(7, 2), ...drop(8, 3)].join('\n'), { now });
  expect(t.verdict).toBe('token-expiry-churn');
  expect(t.findings.map((f) => f.kind)).not.toContain('credentials-rejected');
  expect(t.findings[0].details.tokenLifetimeMinutes).toBe(60);
});

test('one refusal reconnected within seconds is no credential problem (one drop proves no rhythm either)', () => {
  const t = triage(drop(6, 2).join('\n'), { now });
  expect(t.verdict).toBe('inconclusive');
  expect(t.findings.map((f) => f.kind)).toEqual([]);
});

test('the same refusals with no reconnect stay a credential problem', () => {
  const t = triage([...drop(6), ...drop(7), ...drop(8)].join('\n'), { now });
  expect(t.verdict).toBe('credential-problem');
  expect(t.findings.map((f) => f.kind)).toEqual(['credentials-rejected']);
});

test('a reconnect three minutes later does not excuse the refusal before it', () => {
  expect(triage(drop(6, 180).join('\n'), { now }).verdict).toBe('credential-problem');
  expect(triage(drop(6, 110).join('\n'), { now }).verdict).toBe('inconclusive');
});

test('a refusal every minute, each followed by a connect, is a retry loop, not token expiry', () => {
  const lines: string[] = [];
  for (let m = 0; m < 6; m++) {
    const mm = String(m).padStart(2, '0');
    lines.push(`2018-11-06 06:${mm}:00,101 ${STATUS} DISCONNECTED_RETRYING reason: BAD_CREDENTIAL`, `2018-11-06 06:${mm}:20,512 ${STATUS} CONNECTED reason: CONNECTION_OK`);
  }
  const t = triage(lines.join('\n'), { now });
  expect(t.verdict).toBe('credential-problem');
  expect(t.findings.find((f) => f.kind === 'credentials-rejected')?.details.count).toBe(5);
});

test('general words ("reconnected", "connection established") are no proof the refused client is back', () => {
  for (const back of ['wifi: reconnected to AP', 'MQTT connection established', '[gw] Client connected']) {
    const text = ['2018-11-06 06:36:30 mqtt.js returned Connection refused: Not authorized', `2018-11-06 06:36:40 ${back}`].join('\n');
    expect([back, triage(text, { now }).verdict]).toEqual([back, 'credential-problem']);
  }
});

test('a reconnect listed after a later refusal excuses neither', () => {
  const text = [
    `2018-11-06 06:00:00,000 ${STATUS} DISCONNECTED_RETRYING reason: BAD_CREDENTIAL`,
    `2018-11-06 07:00:00,000 ${STATUS} DISCONNECTED_RETRYING reason: BAD_CREDENTIAL`,
    `2018-11-06 06:00:30,000 ${STATUS} CONNECTED reason: CONNECTION_OK`,
  ].join('\n');
  expect(triage(text, { now }).verdict).toBe('credential-problem');
});

test('another error between the refusal and the connect leaves the refusal standing', () => {
  const text = [
    `2018-11-06 06:36:30,101 ${STATUS} DISCONNECTED_RETRYING reason: BAD_CREDENTIAL`,
    '2018-11-06 06:36:31,200 ERROR send failed: 429001 ThrottlingException',
    `2018-11-06 06:36:32,512 ${STATUS} CONNECTED reason: CONNECTION_OK`,
  ].join('\n');
  expect(triage(text, { now }).findings.map((f) => f.kind)).toContain('credentials-rejected');
});

test("the Python SDK's reauthorisation right after a refusal counts as being back", () => {
  const text = [
    '2018-11-06 06:36:30,001 ERROR azure.iot.device.common.pipeline.pipeline_stages_base azure.iot.device.exceptions.CredentialError: Credentials invalid, could not connect',
    '2018-11-06 06:36:31,120 INFO azure.iot.device.iothub.sync_clients Connection reauthorization successful',
  ].join('\n');
  expect(triage(text, { now }).verdict).toBe('inconclusive');
});

test("another device's reconnect does not excuse this device's refusal", () => {
  const text = [...drop(6, undefined, 'pump-0042'), `2018-11-06 06:36:32,512 ${STATUS} CONNECTED reason: CONNECTION_OK device pump-0107`].join('\n');
  const t = triage(text, { now });
  expect(t.findings.filter((f) => f.kind === 'credentials-rejected').map((f) => f.deviceId)).toEqual(['pump-0042']);
});

test("the hub's own coded refusal is kept even when the device reconnects", () => {
  const text = [
    '2018-11-06 06:36:30,101 ERROR send failed: {"Message":"ErrorCode:IotHubUnauthorizedAccess;Unauthorized","ExceptionMessage":"401002"}',
    `2018-11-06 06:36:32,512 ${STATUS} CONNECTED reason: CONNECTION_OK`,
  ].join('\n');
  expect(kinds(text)).toContain('credentials-rejected');
});
