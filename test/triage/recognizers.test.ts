// Unit tests for the small recognizers the engine is built from.
import { findConnectionStrings } from '../../src/triage/connectionString';
import { deviceIdCandidates, findHub } from '../../src/triage/identifiers';
import { best } from '../../src/triage/fields/bag';
import { readRecord } from '../../src/triage/readers';
import { detectHeader, readRows } from '../../src/triage/records/delimited';
import { splitRecords } from '../../src/triage/records/split';
import { findTimestamp, parseTime } from '../../src/triage/time';
import { htmlToText, looksBinary } from '../../src/triage/normalize';

describe('time', () => {
  test.each([
    ['2026-11-29T10:04:12.123Z', '2026-11-29T10:04:12.123Z'],
    ['2026-11-29 10:04:12', '2026-11-29T10:04:12.000Z'],
    ['2026-11-29T11:04:12+01:00', '2026-11-29T10:04:12.000Z'],
    ['11/29/2026, 10:04:12.123 AM', '2026-11-29T10:04:12.123Z'],
    ['11/29/2026, 12:04:12 AM', '2026-11-29T00:04:12.000Z'],
    ['11/29/2026 1:04:12 PM', '2026-11-29T13:04:12.000Z'],
    ['2026-11-29 08:58:00,001 INFO', '2026-11-29T08:58:00.001Z'],
  ])('%s', (input, expected) => {
    expect(new Date(findTimestamp(input)!).toISOString()).toBe(expected);
  });
  test('nonsense is not a time', () => {
    expect(findTimestamp('2026-13-45T99:99:99Z')).toBeUndefined();
    expect(parseTime('not a time')).toBeUndefined();
    expect(parseTime(1796032800)).toBe(1796032800000);
  });
});

describe('identifiers', () => {
  test.each([
    ['{"deviceId":"pump-0042"}', 'pump-0042'],
    ['""deviceId"":""pump-0042""', 'pump-0042'],
    ['sr=contoso.azure-devices.net%2Fdevices%2Fsensor-ams-17', 'sensor-ams-17'],
    ["does not contain the specified device 'valve-09'", 'valve-09'],
    ['Device nope-1 not registered', 'nope-1'],
    ['ClientId=gateway-eu-01', 'gateway-eu-01'],
  ])('device id in %s', (text, id) => {
    // The record's best candidate, as the engine resolves it.
    const [record] = splitRecords(text).records;
    expect(best(readRecord(record).deviceIds)?.value).toBe(id);
  });
  test('hubs: host name, resource id, message, lower-cased', () => {
    expect(findHub('HostName=Contoso-IoT-Prod.azure-devices.net;')).toBe('contoso-iot-prod');
    expect(findHub('/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/CONTOSO-IOT-PROD')).toBe('contoso-iot-prod');
    expect(findHub("IotHub 'contoso-iot-prod' does not")).toBe('contoso-iot-prod');
  });
  test('bare candidates skip words, versions, hosts and codes', () => {
    expect(deviceIdCandidates('is pump-0042 ok? token-expiry churn on v1.18.2 at contoso-iot-prod.azure-devices.net, code 401003')).toEqual(['pump-0042']);
  });
});

describe('connection strings', () => {
  test('fields are read case-insensitively and the gateway kept', () => {
    const [cs] = findConnectionStrings('HostName=hub1.azure-devices.net;DeviceId=leaf-1;SharedAccessKey=[REDACTED];GatewayHostName=edge-gw.local', 3);
    expect(cs).toMatchObject({ line: 3, hub: 'hub1', deviceId: 'leaf-1', kind: 'device', auth: 'shared-access-key', gatewayHostName: 'edge-gw.local' });
  });
});

describe('delimited exports', () => {
  test('a header is recognised in any column order; a quoted field may span lines', () => {
    const lines = ['ResultType,TimeGenerated [UTC],OperationName,properties_s', '401003,2026-11-29T10:00:00Z,deviceConnect,"{""deviceId"":', '""pump-0042""}"', ''];
    const header = detectHeader(lines[0])!;
    expect(header.delimiter).toBe(',');
    const r = readRows(lines, 0, header!);
    expect(r.end).toBe(3);
    expect(r.rows.map((x) => x.line)).toEqual([1]);
    expect(r.rows[0].cells[3]).toBe('{"deviceId":\n"pump-0042"}');
  });
  test('prose is not a header', () => {
    expect(detectHeader('We looked at ResultType, and at the level, but nothing.')).toBeUndefined();
  });
});

describe('splitting into records', () => {
  test('JSON inside prose stays in its line; a value across lines is one record per element; braces that are not JSON are lines', () => {
    const { records } = splitRecords(['Here is what we got { not json }', '[', '  {"a": 1},', '  {"b": "}{"}', ']', 'thanks {"c": 2} bye'].join('\n'));
    expect(records.map((r) => [r.kind, r.line])).toEqual([
      ['line', 1],
      ['json', 3],
      ['json', 4],
      ['line', 6],
    ]);
    expect(records[1].json).toEqual({ a: 1 });
  });
  test('lines run together are split at their stamps, but a piece with no word or code is not a record', () => {
    const run = '2026-11-29T10:00:00Z pump-7 deviceConnect 401003 IoTHubUnauthorized 2026-11-29T10:00:02Z pump-7 deviceDisconnect 404104 DeviceConnectionClosedRemotely';
    expect(splitRecords(run).records.map((r) => r.text.slice(0, 20))).toEqual(['2026-11-29T10:00:00Z', '2026-11-29T10:00:02Z']);
    // A line of nothing but stamps is one record, not one per stamp (it carries no evidence).
    const stamps = '11/29/2026, 10:00:00 AM '.repeat(5000);
    expect(splitRecords(stamps).records).toHaveLength(1);
    // Stamps between two events do not make records of their own.
    const between = `${run} ${'2026-11-29T10:00:05Z '.repeat(100)}2026-11-29T10:05:00Z pump-7 deviceConnect Success`;
    expect(splitRecords(between).records.map((r) => /pump-7 \w+/.exec(r.text)?.[0])).toEqual(['pump-7 deviceConnect', 'pump-7 deviceDisconnect', 'pump-7 deviceConnect']);
  });
  test('an unclosed brace does not swallow the lines after it', () => {
    const { records } = splitRecords('{"a": 1\nmore\n{"b": 2}');
    expect(records.map((r) => r.kind)).toEqual(['line', 'line', 'json']);
  });
});

describe('normalisation', () => {
  test('HTML to lines', () => {
    expect(htmlToText('<p>a&amp;b</p><div>c<br/>d</div>&#x1F44B;')).toBe('a&b\nc\nd\n👋');
  });
  test('binary detection', () => {
    expect(looksBinary('plain text\nwith lines\t and tabs')).toBe(false);
    expect(looksBinary('PK\u0003\u0004\u0000\u0000')).toBe(true);
  });
});
