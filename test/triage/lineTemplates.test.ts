// The line-template cache (src/triage/lineTemplates.ts) must never change a triage: every paste gives
// the same result read line by line from scratch and read through templates.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { triage } from '../../src/triage';
import { lineKey } from '../../src/triage/lineTemplates';
import { churn, connect, lockedOut, resourceRecord, type SynthEvent } from './synth';

const now = new Date('2026-11-30T00:00:00Z');
const both = (text: string) => [JSON.stringify(triage(text, { now, lineTemplates: false })), JSON.stringify(triage(text, { now }))];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|md)$/.test(f) ? [] : [p];
  });
}

describe('reading through line templates changes nothing', () => {
  test.each(files(join(__dirname, '../fixtures')).concat(files(join(__dirname, '../corpus'))))('%s', (file) => {
    const [scratch, templated] = both(readFileSync(file, 'utf8'));
    expect(templated).toBe(scratch);
  });

  // Device ids a reader could take for something else, and values the cache must send the long way.
  const deviceIds = fc.oneof(
    fc.constantFrom('pump-7', 'pump-8', '401003', 'IoTHubUnauthorized', 'DeviceClient', 'device1', 'deviceId', 'myDevice', '<deviceId>', 'x.azure-devices.net', 'gw:01', 'a_b.c', 'Disconnected', 'edgeHub', 'unauthorized'),
    fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,12}$/),
  );
  const times = fc.oneof(
    fc.integer({ min: Date.parse('2026-11-28T00:00:00Z'), max: Date.parse('2026-11-29T23:00:00Z') }).map((ms) => new Date(ms).toISOString()),
    fc.constantFrom('2026-11-29T10:00:00+01:00', '2026-11-29T10:00:00.5Z', '29-11-2026 10:00:00', '11/29/2026 10:00:00 AM', '2026-11-29 10:00:00', '1732874400', '2030-01-01T00:00:00Z', '1999-01-01T00:00:00Z'),
  );
  const kinds = fc.constantFrom<[SynthEvent['op'], string | undefined, string | undefined]>(
    ['deviceConnect', undefined, undefined],
    ['deviceDisconnect', '401003', 'IoTHubUnauthorized'],
    ['deviceDisconnect', '404104', 'DeviceConnectionClosedRemotely'],
    ['deviceConnect', '401003', 'IoTHubUnauthorized'],
    ['deviceConnect', '404001', 'DeviceNotFound'],
    ['deviceConnect', '401003', 'Thumbprint does not match configuration'],
    ['deviceDisconnect', '', ''],
    ['deviceConnect', '429001', 'ThrottlingException'],
  );
  const line = fc.record({ deviceId: deviceIds, time: times, kind: kinds, variant: fc.integer({ min: 0, max: 5 }) }).map(({ deviceId, time, kind, variant }) => {
    const [op, code, desc] = kind;
    const rec = resourceRecord({ at: new Date(0), deviceId, op, code: code || undefined, desc: desc || undefined });
    rec.time = time;
    const props = JSON.parse(rec.properties as string) as Record<string, unknown>;
    // Layouts a little different from the usual: the id at the top, twice, beside a module, with a message.
    if (variant === 1) {
      delete props.deviceId;
      rec.deviceId = deviceId;
    }
    if (variant === 2) props.moduleId = 'telemetry';
    if (variant === 3) rec.DeviceId = deviceId;
    if (variant === 4) props.errorMessage = `device ${deviceId} failed`;
    rec.properties = JSON.stringify(props);
    return JSON.stringify(rec);
  });

  test('generated exports: odd device ids, times of every layout, every kind of record', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), (lines) => {
        // Each line twice, so the second one is read from the first one's template.
        const text = [...lines, ...lines].join('\n');
        const [scratch, templated] = both(text);
        expect(templated).toBe(scratch);
      }),
      { numRuns: 300 },
    );
  });

  test('a 404001 whose device id reads as a device-side client is judged on its own line', () => {
    // DeviceNotFound answered to a device's SDK is a credential problem; the id itself may say "DeviceClient".
    const at = new Date('2026-11-29T10:00:00Z');
    const text = ['pump-7', 'DeviceClient', 'azure-iot-device', 'pump-8']
      .map((id, i) => JSON.stringify(resourceRecord({ at: new Date(at.getTime() + i * 1000), deviceId: id, op: 'deviceConnect', code: '404001', desc: 'DeviceNotFound' })))
      .join('\n');
    const [scratch, templated] = both(text);
    expect(templated).toBe(scratch);
  });

  test('churn, lock-out and healthy devices in one export', () => {
    const start = new Date('2026-11-29T00:00:00Z');
    const evs = [...churn('pump-1', start, 6), ...lockedOut('gw-2', start, 8), connect('cam-3', start), ...churn('<deviceId>', start, 3)];
    const text = evs.map((e) => JSON.stringify(resourceRecord(e))).join('\n');
    const [scratch, templated] = both(text);
    expect(templated).toBe(scratch);
  });
});

describe('which lines the cache may take', () => {
  const rec = (props: string, time = '2026-11-29T10:00:00Z') => `{"time":"${time}","operationName":"deviceConnect","properties":"${props}"}`;

  test('a resource-log line gives its time and device id', () => {
    const k = lineKey(rec('{\\"deviceId\\":\\"pump-7\\",\\"protocol\\":\\"Mqtt\\"}'));
    expect(k && { time: k.time, deviceId: k.deviceId }).toEqual({ time: '2026-11-29T10:00:00Z', deviceId: 'pump-7' });
  });

  test.each([
    ['no ISO time first', rec('{\\"deviceId\\":\\"pump-7\\"}', '29-11-2026 10:00:00')],
    ['two device ids', rec('{\\"deviceId\\":\\"pump-7\\",\\"x\\":{\\"deviceId\\":\\"b\\"}}')],
    ['an id with a space', rec('{\\"deviceId\\":\\"pump 7\\"}')],
    ['a module path', rec('{\\"deviceId\\":\\"pump-7/telemetry\\"}')],
    ['a placeholder', rec('{\\"deviceId\\":\\"<deviceId>\\"}')],
    ['an escaped id', rec('{\\"deviceId\\":\\"pump\\\\u002d7\\"}')],
  ])('%s: read the long way', (_why, text) => {
    expect(lineKey(text)).toBeUndefined();
  });
});

describe('remembered readings (memo.ts) carry nothing from one paste to the next', () => {
  test('every paste reads the same whatever was read before it', () => {
    const texts = files(join(__dirname, '../fixtures')).concat(files(join(__dirname, '../corpus'))).map((f) => readFileSync(f, 'utf8'));
    const forward = texts.map((t) => JSON.stringify(triage(t, { now })));
    const backward = [...texts].reverse().map((t) => JSON.stringify(triage(t, { now }))).reverse();
    expect(backward).toEqual(forward);
  });
});
