// A paste read in segments, or written to the engine in pieces, must triage exactly as the whole paste.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { triage, TriageStream, type TriageOptions } from '../../src/triage';
import { churn, lockedOut, resourceRecord } from './synth';

const now = new Date('2026-11-30T00:00:00Z');
const whole = (text: string, o: Partial<TriageOptions> = {}) => JSON.stringify(triage(text, { now, segmentChars: 1 << 30, ...o }));
const segmented = (text: string, o: Partial<TriageOptions> = {}) => JSON.stringify(triage(text, { now, segmentChars: 8, ...o }));
function pieces(text: string, sizes: number[], o: Partial<TriageOptions> = {}): string {
  const s = new TriageStream({ now, segmentChars: 64, ...o });
  let at = 0;
  for (let k = 0; at < text.length; k++) {
    const n = sizes[k % sizes.length];
    s.write(text.slice(at, at + n));
    at += n;
  }
  return JSON.stringify(s.end());
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|md)$/.test(f) ? [] : [p];
  });
}

const jsonLines = (n: number, from = 0) => Array.from({ length: n }, (_, i) => JSON.stringify(resourceRecord(churn(`pump-${(from + i) % 7}`, new Date(Date.parse('2026-11-29T00:00:00Z') + i * 60_000), 1)[i % 3]))).join('\n');

describe('segments and pieces read as the whole paste', () => {
  test.each(files(join(__dirname, '../fixtures')).concat(files(join(__dirname, '../corpus'))))('%s, alone and between JSON lines', (file) => {
    const text = readFileSync(file, 'utf8');
    for (const t of [text, `${jsonLines(3)}\n${text}\n${jsonLines(3, 3)}`]) {
      const expected = whole(t);
      expect(segmented(t)).toBe(expected);
      expect(pieces(t, [37, 1, 5, 200])).toBe(expected);
    }
  });

  const blocks = fc.constantFrom(
    jsonLines(4),
    jsonLines(2, 5).replace(/\n/g, '\r\n'),
    // A table whose rows look like JSON objects: they stay rows of their header.
    'time,operationName,resultType,deviceId\n{"a":1},deviceConnect,401003,pump-1\n{"b":2},deviceDisconnect,404104,pump-1',
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n{"x":1}\n-----END RSA PRIVATE KEY-----',
    'HostName=contoso.azure-devices.net;DeviceId=pump-7;SharedAccessKey=dGhpcyBpcyBub3QgYSByZWFsIGtleSBhdCBhbGwhIQ==',
    'SharedAccessSignature sr=contoso.azure-devices.net%2Fdevices%2Fpump-7&sig=abcdefghijklmnopqrstuvwxyz0123456789%3D&se=1700000000',
    '2026-11-29T10:00:00Z ERROR 401003 IoTHubUnauthorized device pump-9',
    // One value over two lines, the second opening with "{": no cut may fall between them.
    '{"deviceId":"pump-5","x":\n{"operationName":"deviceDisconnect","resultType":"401003","time":"2026-11-29T10:00:00Z"}}',
    'Error: connect failed\n    at Socket.connect (net.js:1:1)\n    at run (index.js:2:2)',
    '{\n  "records": [\n    {"time":"2026-11-29T10:00:00Z","operationName":"deviceConnect","resultType":"401003","properties":"{\\"deviceId\\":\\"pump-3\\"}"}\n  ]\n}',
    lockedOut('gw-1', new Date('2026-11-29T10:00:00Z'), 3).map((e) => JSON.stringify(resourceRecord(e))).join('\n'),
    '',
    '   ',
  );

  test('mixed pastes, written in random pieces', () => {
    fc.assert(
      fc.property(fc.array(blocks, { minLength: 1, maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }), (parts, sizes) => {
        const text = parts.join('\n');
        const expected = whole(text);
        expect(segmented(text)).toBe(expected);
        expect(pieces(text, sizes)).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  test('a cap, reached in the middle of a piece', () => {
    const text = jsonLines(40);
    const o = { maxBytes: 1234 };
    expect(pieces(text, [100, 333], o)).toBe(whole(text, o));
  });

  test('HTML and chat heads are read in one piece, as before', () => {
    for (const t of [`<p>${jsonLines(3).replace(/\n/g, '</p><p>')}</p>`, `[11/28/2026 9:15 AM] Jan: ${jsonLines(3).replace(/\n/g, '\n[11/28/2026 9:15 AM] Jan: ')}`, `\u0000\u0001${jsonLines(2)}`]) {
      expect(pieces(t, [7])).toBe(whole(t));
    }
  });

  test('a stream cannot be written after it ended', () => {
    const s = new TriageStream({ now });
    s.write('401003');
    s.end();
    expect(() => s.write('x')).toThrow(/after end/);
  });
});
