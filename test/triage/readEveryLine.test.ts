// The pastes that the engine used to misread because one recogniser claimed a whole line: each case below
// is one of them, and each asserts what the evidence means.
import { triage, type Triage } from '../../src/triage';
import { applyRegistry } from '../../src/triage/crossCheck';
import { noteText } from '../../src/triage/knowledge';
import { verdictCard } from '../../src/cards';
import { visibleText } from '../cards/cardCheck';
import { deviceVerdicts } from './expectations';

const now = new Date('2026-11-30T12:00:00Z');
const run = (text: string, at = now) => triage(text, { now: at });
const notes = (t: Triage) => t.notes.map((n) => n.code);

/** Six hourly churn episodes, each as a line built by `line(time, code, name)`. */
function churn(line: (time: string, code: string, name: string, op: string) => string, connect: (time: string) => string): string {
  const out: string[] = [];
  for (let h = 0; h < 6; h++) {
    const hh = String(6 + h).padStart(2, '0');
    out.push(line(`2026-11-10T${hh}:41:02Z`, '401003', 'IoTHubUnauthorized', 'deviceDisconnect'));
    out.push(line(`2026-11-10T${hh}:41:03Z`, '404104', 'DeviceConnectionClosedRemotely', 'deviceDisconnect'));
    out.push(connect(`2026-11-10T${hh}:41:20Z`));
  }
  return out.join('\n');
}

describe('a line is read whole: prose and JSON in one line both count', () => {
  test('prose with the code, JSON with the device', () => {
    const text = churn(
      (t, code, name, op) => `${t} ${op} Error ${code} ${name} {"deviceId":"kiosk-12","protocol":"Mqtt"}`,
      (t) => `${t} deviceConnect Information {"deviceId":"kiosk-12","protocol":"Mqtt"}`,
    );
    const t = run(text);
    expect(t.verdict).toBe('token-expiry-churn');
    expect(deviceVerdicts(t)).toEqual({ 'kiosk-12': 'token-expiry-churn' });
    expect(t.recognised.codes.find((c) => c.code === '401003')?.count).toBe(6);
  });

  test('a Log Analytics grid copy without its header, properties_s last', () => {
    const text = churn(
      (t, code, name, op) => `${t}\t${op}\tError\t${code}\t${name}\t{"deviceId":"kiosk-12","protocol":"Mqtt","statusCode":"401"}`,
      (t) => `${t}\tdeviceConnect\tInformation\t0\t\t{"deviceId":"kiosk-12","protocol":"Mqtt","sdkVersion":"azure-iot-device/1.18.2"}`,
    );
    expect(deviceVerdicts(run(text))).toEqual({ 'kiosk-12': 'token-expiry-churn' });
  });

  test('an az error whose JSON body names the device', () => {
    const t = run(`ERROR: {"Message":"ErrorCode:DeviceNotFound;Device pump-0999 not registered","ExceptionMessage":"Tracking ID:5f2e8c0a1b3d4e6f9a8b7c6d5e4f3a2b-G:10-TimeStamp:11/29/2026 10:00:00"}`);
    expect(Object.keys(deviceVerdicts(t))).toEqual(['pump-0999']);
    expect(t.recognised.codes.map((c) => c.code)).toContain('404001');
  });

  test('pino and Serilog JSON lines: the error is in msg / @x, the device in a field', () => {
    const pino = run('{"level":50,"time":1795950000000,"pid":7,"deviceId":"kiosk-12","msg":"open failed: UnauthorizedError: mqtt.js returned Connection refused: Not authorized error"}');
    expect(pino.verdict).toBe('credential-problem');
    expect(deviceVerdicts(pino)).toEqual({ 'kiosk-12': 'credential-problem' });
    const serilog = run('{"@t":"2026-11-29T10:00:00.000Z","@mt":"Open failed for {DeviceId}","@l":"Error","@x":"Microsoft.Azure.Devices.Client.Exceptions.UnauthorizedException: CONNECT failed: RefusedNotAuthorized","DeviceId":"kiosk-12"}');
    expect(deviceVerdicts(serilog)).toEqual({ 'kiosk-12': 'credential-problem' });
  });

  test('a stray brace in prose above a pretty-printed export: every record once, no device lost', () => {
    const records = [0, 1, 2].flatMap((h) => [
      { time: `2026-11-10T0${6 + h}:41:02Z`, operationName: 'deviceDisconnect', category: 'Connections', level: 'Error', resultType: '401003', resultDescription: 'IoTHubUnauthorized', properties: '{"deviceId":"pump-0042","protocol":"Mqtt"}' },
      { time: `2026-11-10T0${6 + h}:41:20Z`, operationName: 'deviceConnect', category: 'Connections', level: 'Information', properties: '{"deviceId":"pump-0042","protocol":"Mqtt"}' },
    ]);
    const text = `here's the log from the gateway {see attached\n${JSON.stringify({ records }, null, 2)}`;
    const t = run(text);
    expect(t.recognised.codes.find((c) => c.code === '401003')?.count).toBe(3);
    expect(deviceVerdicts(t)).toEqual({ 'pump-0042': 'token-expiry-churn' });
  });
});

describe('times in every layout', () => {
  const timeline = (text: string) => run(text).devices[0]?.episodes.map((e) => e.at);

  test('day-first dates, decided once per paste (one day over 12 settles it)', () => {
    const lines = ['03-11-2026 07:41:02 deviceDisconnect 401003 IoTHubUnauthorized device=pump-7', '03-11-2026 07:41:20 deviceConnect device=pump-7', '13-11-2026 08:41:02 deviceDisconnect 401003 IoTHubUnauthorized device=pump-7', '13-11-2026 08:41:20 deviceConnect device=pump-7'];
    const t = run(lines.join('\n'));
    expect(t.devices[0].episodes.map((e) => e.at)).toEqual(['2026-11-03T07:41:02.000Z', '2026-11-13T08:41:02.000Z']);
    expect(notes(t)).toContain('dates-day-first');
    expect(noteText(t.notes.find((n) => n.code === 'dates-day-first')!, 'en')).toMatch(/day-first/);
    const slash = run(lines.map((l) => l.replace(/^(\d\d)-(\d\d)-/, '$1/$2/')).join('\n'));
    expect(slash.devices[0].episodes[0].at).toBe('2026-11-03T07:41:02.000Z');
  });

  test("the C SDK's Time: stamp, syslog without a year, and time-only lines dated by their neighbours", () => {
    expect(timeline('Error: Time:Mon Nov  2 10:04:59 2026 File:x.c 401003 IoTHubUnauthorized device=pump-7\nInfo: Time:Mon Nov  2 10:05:10 2026 deviceConnect device=pump-7')).toEqual(['2026-11-02T10:04:59.000Z']);
    expect(timeline('Nov 28 10:04:59 gw-01 agent[7]: 401003 IoTHubUnauthorized device=pump-7\nNov 28 10:05:10 gw-01 agent[7]: deviceConnect device=pump-7')).toEqual(['2026-11-28T10:04:59.000Z']);
    expect(timeline('2026-11-28T10:00:00Z session start device=pump-7\n10:04:59.120 401003 IoTHubUnauthorized device=pump-7\n10:05:10.000 deviceConnect device=pump-7')).toEqual(['2026-11-28T10:04:59.120Z']);
  });

  test("a chat prefix's own time is the chat's, not the event's", () => {
    const text = churn((t, code, name, op) => `${t} ${op} ${code} ${name} device=kiosk-12`, (t) => `${t} deviceConnect device=kiosk-12`)
      .split('\n')
      .map((l) => `Jan, 11/28/2026 9:15:07 AM: ${l}`)
      .join('\n');
    const t = run(text);
    expect(t.verdict).toBe('token-expiry-churn');
    expect(t.devices[0].episodes[0].at).toBe('2026-11-10T06:41:02.000Z');
    expect(notes(t)).toContain('chat-prefix-ignored');
  });

  test('a stamp repeated before the real one on every line is a prefix', () => {
    const text = churn((t, code, name, op) => `2026-11-28 09:15:07 | ${t} ${op} ${code} ${name} device=kiosk-12`, (t) => `2026-11-28 09:15:07 | ${t} deviceConnect device=kiosk-12`);
    const t = run(text);
    expect(t.verdict).toBe('token-expiry-churn');
    expect(t.devices[0].tokenLifetimeMinutes).toBe(60);
  });

  test("a system log's line prefix is not called a chat's", () => {
    // journald as iot-hub-device-update#660 pasted it: the syslog stamp, host and process before the SDK's own line.
    const text = churn((t, code, name, op) => `Oct 02 05:59:02 raspberrypi AducIotAgent[812]: ${t} ${op} ${code} ${name} device=kiosk-12`, (t) => `Oct 02 05:59:02 raspberrypi AducIotAgent[812]: ${t} deviceConnect device=kiosk-12`);
    const t = run(text);
    const note = t.notes.find((n) => n.code === 'chat-prefix-ignored');
    expect(note).toBeDefined();
    for (const lang of ['en', 'nl'] as const) expect(noteText(note!, lang)).not.toMatch(/chat time|chattijd|posted|plaatste/);
    expect(noteText(note!, 'en')).toMatch(/system log/);
    expect(noteText(note!, 'nl')).toMatch(/systeemlog/);
  });

  test('a date that could not be read is said on the card, with its stamp; a bare time of day is not', () => {
    // azure-iot-sdk-python#363: a two-digit year with a bracketed offset.
    const refused = '19.10.19 09:53:34 (-0600) Connection Refused: not authorised. device=pump-7\n19.10.19 09:58:34 (-0600) Connection Refused: not authorised. device=pump-7';
    const t = run(refused);
    expect(t.notes.find((n) => n.code === 'times-undated')?.params).toMatchObject({ count: 2, example: '19.10.19 09:53:34' });
    expect(noteText(t.notes.find((n) => n.code === 'times-undated')!, 'en')).toContain('19.10.19 09:53:34');
    // With 401003s left untimed, the note says what that costs, in place of "the input has no timestamps".
    const unauthorized = run('19.10.19 09:53:34 401003 IoTHubUnauthorized device=pump-7\n19.10.19 10:53:34 401003 IoTHubUnauthorized device=pump-7');
    expect(notes(unauthorized)).not.toContain('no-timestamps');
    const note = unauthorized.notes.find((n) => n.code === 'times-undated')!;
    expect(noteText(note, 'en')).toMatch(/cannot be told apart/);
    expect(noteText(note, 'nl')).toMatch(/niet te onderscheiden/);
    // A time of day with no date at all (the C SDK's packet trace, a console log) has nothing unread.
    expect(notes(run('-> 08:17:01 DISCONNECT\n<- 08:17:05 CONNACK | SESSION_PRESENT: false | RETURN_CODE: 0x5 device=pump-7'))).not.toContain('times-undated');
    expect(notes(run('10:04:59.120 401003 IoTHubUnauthorized device=pump-7\n10:05:59.120 401003 IoTHubUnauthorized device=pump-7'))).toEqual(expect.arrayContaining(['no-timestamps']));
    expect(notes(run('10:04:59.120 401003 IoTHubUnauthorized device=pump-7'))).not.toContain('times-undated');
  });

  test('a time after now is not the event time', () => {
    const t = run('2031-01-01T00:00:00Z 401003 IoTHubUnauthorized device=pump-7 (logged 2026-11-29T10:00:00Z)', now);
    expect(t.findings.length + t.devices.length).toBeGreaterThan(0);
    expect(t.devices[0].firstSeen).toBe('2026-11-29T10:00:00.000Z');
  });
});

describe('device ids by priority', () => {
  test('the MQTT username names the device; SDK, class, host and tracking-id shapes never do', () => {
    const text = [
      '2026-11-29T10:00:01Z azure-iot-device-mqtt:Mqtt username: contoso-hub.azure-devices.net/pump-0042/?api-version=2021-04-12&DeviceClientType=azure-iot-device%2F1.18.2',
      '2026-11-29T10:00:02Z UnauthorizedError: mqtt.js returned Connection refused: Not authorized error at Microsoft.Azure.Devices.Client.InternalClient tracking 5f2e8c0a1b3d4e6f9a8b7c6d5e4f3a2b-G:10',
    ].join('\n');
    expect(deviceVerdicts(run(text))).toEqual({ 'pump-0042': 'credential-problem' });
  });

  test('a labelled field beats a structural place, which beats position', () => {
    const t = run('2026-11-29T10:00:00Z device-7 401003 IoTHubUnauthorized deviceId=pump-1 path=/devices/pump-2/messages');
    expect(t.devices.map((d) => d.deviceId)).toEqual(['pump-1']);
    const s = run('2026-11-29T10:00:00Z device-7 401003 IoTHubUnauthorized path=/devices/pump-2/messages');
    expect(s.devices.map((d) => d.deviceId)).toEqual(['pump-2']);
  });

  test('a device found only by position says so', () => {
    const t = run('2026-11-29T10:00:00Z deviceDisconnect pump-0042 401003 IoTHubUnauthorized');
    expect(t.devices.map((d) => d.deviceId)).toEqual(['pump-0042']);
    expect(notes(t)).toContain('device-inferred-from-position');
  });

  test("an IoT Edge device named by its MAC address keeps its colons, and its module (iotedge#1947)", () => {
    const t = run('<4> 2019-11-02 06:16:27.218 +00:00 [WRN] - Reauthenticating client b8:27:eb:59:4a:f2_18/CheckpointModule failed, removing client connection 401003 IoTHubUnauthorized');
    expect(t.devices.map((d) => [d.deviceId, d.moduleId])).toEqual([['b8:27:eb:59:4a:f2_18', 'CheckpointModule']]);
    // A colon after an id is still punctuation.
    expect(run('2026-11-29T10:00:00Z 401003 IoTHubUnauthorized for client pump-0042: token expired').devices.map((d) => d.deviceId)).toEqual(['pump-0042']);
  });

  test('the one device a paste speaks of comes from lines about a device, not from noise between them', () => {
    // azure-iot-sdk-c#246: a Wi-Fi driver's lines between the C SDK's; no line names the device.
    const paste = [
      'IoTHubClient_LL_SendEventAsync accepted message [0] for transmission to IoT Hub.',
      'RTL871X: rtw_set_ps_mode(wlan0) Leave 802.11 power save - WIFI-TRAFFIC_BUSY',
      'RTL871X: rtl8188e_set_FwPwrMode_cmd: Mode=0 SmartPS=2 UAPSD=0',
      'Error: Time:Sat Aug 19 10:43:55 2017 File:azure-iot-sdk-c/c-utility/adapters/httpapi_curl.c Func:HTTPAPI_ExecuteRequest Line:594 Failure in HTTP communication: server reply code is 401',
      'Info: HTTP Response:{"Message":"ErrorCode:IotHubUnauthorizedAccess;Unauthorized","ExceptionMessage":"Tracking ID:651347e20da64d6b8b424979941eacc0-G:11-TimeStamp:09/29/2017 15:53:06"}',
    ].join('\n');
    const t = run(paste);
    expect(t.verdict).toBe('credential-problem');
    expect(t.devices.map((d) => d.deviceId)).toEqual([]);
    expect(notes(t)).not.toContain('device-inferred-from-position');
    // A line about the device still names it.
    const named = run(`Connecting device pump-0042 to the hub over HTTP\n${paste}`);
    expect(named.devices.map((d) => d.deviceId)).toEqual(['pump-0042']);
    expect(notes(named)).toContain('device-inferred-from-position');
  });
});

describe('Dutch, as the nl-NL 401003 article renders the messages', () => {
  test.each([
    ['Autorisatiekoptekst ontbreekt', 'authorization-header-missing'],
    ["IotHub 'contoso-hub' bevat niet het opgegeven apparaat 'pomp-12'", 'device-not-registered'],
    ["Autorisatieregel 'registryRead' staat geen toegang toe voor 'DeviceConnect'", 'authorization-rule-denied'],
    ['Verificatie is mislukt voor dit apparaat, token of certificaat vernieuwen en opnieuw verbinding maken', 'authentication-failed'],
    ['Duimafdruk komt niet overeen met de configuratie: Duimafdruk: SHA1Hash=9A0B4C7D1E2F3A4B5C6D7E8F9A0B1C2D3E4F5A6B, SHA2Hash=11; Configuratie: PrimaryThumbprint=AB, SecondaryThumbprint=', 'thumbprint-mismatch'],
  ])('%s', (message, kind) => {
    const t = run(`2026-11-29T10:00:00Z 401003 ${message}`);
    expect(t.findings.map((f) => f.kind)).toContain(kind);
    expect(t.verdict).toBe('credential-problem');
  });

  test("404104 by the article's mangled names", () => {
    for (const name of ['DeviceConnectionConnectionOp afstand gesloten', 'DeviceConnectionRemotely']) {
      expect(run(`2026-11-29T10:00:00Z ${name}`).recognised.codes.map((c) => c.code)).toEqual(['404104']);
    }
  });

  test("'apparaat' names the device", () => {
    expect(run("IotHub 'contoso-hub' bevat niet het opgegeven apparaat 'pomp-12'").devices.map((d) => d.deviceId)).toEqual(['pomp-12']);
  });
});

describe('SDK status words in any case', () => {
  test.each([
    ['Connection status changed: Status=Disconnected_Retrying, Reason=Bad_Credential', 'credentials-rejected'],
    ['connection status changed: status=disconnected, reason=device_disabled', 'device-disabled'],
    ['ConnectionStatusCallback: reason IOTHUB_CLIENT_CONNECTION_BAD_CREDENTIAL', 'credentials-rejected'],
  ])('%s', (line, kind) => {
    expect(run(`2026-11-29T10:00:00Z ${line}`).findings.map((f) => f.kind)).toContain(kind);
  });

  test('"reconnected" is a reconnect', () => {
    const t = run('2026-11-29T10:00:00Z deviceDisconnect 401003 IoTHubUnauthorized device=pump-7\n2026-11-29T10:00:09Z device pump-7 reconnected');
    expect(deviceVerdicts(t)).toEqual({ 'pump-7': 'token-expiry-churn' });
  });

  test('the C SDK\'s "SAS token expired, renewing" is the SDK renewing, not an expired-token problem', () => {
    const t = run('2026-11-29T10:00:00Z iothubtransport_mqtt_common: SAS token expired, renewing\n2026-11-29T10:00:02Z IOTHUB_CLIENT_CONNECTION_AUTHENTICATED reason IOTHUB_CLIENT_CONNECTION_OK');
    expect(t.findings.map((f) => f.kind)).not.toContain('sas-token-expired');
    expect(t.verdict).toBe('token-expiry-churn');
  });
});

describe('a registry miss for a device the paste shows connecting', () => {
  test('is another hub or a stale registry, never a credential problem', () => {
    const t = run(churn((t, code, name, op) => `${t} ${op} ${code} ${name} device=kiosk-12`, (t) => `${t} deviceConnect device=kiosk-12`));
    const checked = applyRegistry(t, { devices: new Map([['kiosk-12', null]]), hub: 'contoso-test', source: 'snapshot' });
    expect(checked.verdict).toBe('token-expiry-churn');
    expect(checked.findings.map((f) => f.kind)).not.toContain('device-not-registered');
    const note = checked.notes.find((n) => n.code === 'registry-miss-connected')!;
    expect(noteText(note, 'en')).toMatch(/kiosk-12 connects successfully.*contoso-test/);
  });

  test('a device the paste never shows connecting is still reported missing', () => {
    const t = run('2026-11-29T10:00:00Z deviceConnect 401003 IoTHubUnauthorized device=kiosk-99');
    const checked = applyRegistry(t, { devices: new Map([['kiosk-99', null]]), hub: 'contoso-prod', source: 'snapshot' });
    expect(checked.findings.map((f) => f.kind)).toContain('device-not-registered');
  });
});

describe('evidence is never dropped in silence', () => {
  test('lines that mention 401003 or a credential but yield no event are counted, with examples', () => {
    const t = run('2026-11-29T10:00:00Z deviceConnect 401003 IoTHubUnauthorized device=pump-7\nthumbprint rotated on the gateway at 09:00\nthe device credentials came from the old vault');
    const note = t.notes.find((n) => n.code === 'unread-evidence')!;
    expect(note.params).toMatchObject({ count: 2, mention: 'thumbprint' });
    expect(noteText(note, 'en')).toMatch(/^2 lines mention thumbprint but I could not read them/);
    expect(noteText(note, 'nl')).toMatch(/^2 regels noemen thumbprint/);
    // The card says it too, with the lines it could not read.
    expect(visibleText(verdictCard(t, { lang: 'en' }))).toMatch(/2 lines mention thumbprint but I could not read them as an event \(line 2: thumbprint rotated/);
  });
});

test('a refusal word beside an unrelated code still counts (429001 with Bad_Credential)', () => {
  const t = run('2026-11-29T10:00:00Z 429001 ThrottlingException then status=Disconnected reason=Bad_Credential device=pump-7');
  expect(t.findings.map((f) => f.kind).sort()).toEqual(['credentials-rejected', 'other-iothub-error']);
  expect(t.verdict).toBe('credential-problem');
});
