import fc from 'fast-check';
import {
  DEFAULT_KQL_SINCE,
  MAX_KQL_DEVICE_IDS,
  MAX_KQL_IN_EXPRESSION_CHARS,
  connectionsKql,
  kqlString,
} from '../../src/triage/kql';

/**
 * A small reader for KQL double-quoted string literals (the subset kqlString emits): returns the
 * decoded value and where the literal ends, or throws when the text is not one well-formed literal.
 */
function readLiteral(text: string, start: number): { value: string; end: number } {
  if (text[start] !== '"') throw new Error(`no literal at ${start}`);
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') throw new Error('raw line break inside a literal');
    if (c === '"') return { value, end: i + 1 };
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '\\' || next === '"') {
        value += next;
        i++;
        continue;
      }
      throw new Error(`unexpected escape \\${next}`);
    }
    value += c;
  }
  throw new Error('unterminated literal');
}

/** The query with every string literal replaced by a placeholder, plus the literals' values. */
function skeleton(query: string): { shape: string; literals: string[] } {
  let shape = '';
  const literals: string[] = [];
  let i = 0;
  while (i < query.length) {
    if (query[i] === '"') {
      const { value, end } = readLiteral(query, i);
      literals.push(value);
      shape += '"…"';
      i = end;
    } else {
      shape += query[i];
      i++;
    }
  }
  return { shape, literals };
}

// Mostly the characters that matter for escaping, plus arbitrary code points.
const tricky = fc.oneof(
  fc.string({ unit: fc.constantFrom('\\', '"', "'", '\n', '\r', '|', ';', '@', '`', 'a', '\u202e', '\u0000'), maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const HOSTILE = [
  'pump"; drop table AzureDiagnostics; //',
  'x" | take 1 | where "1"=="1',
  'back\\slash\\',
  '\\"',
  'new\nline | take 10',
  'cr\r\n| project secret',
  "single'quote",
  '@"verbatim"',
  '```multi```',
  'tab\there',
  'bidi\u202eevil',
  'nul\u0000byte',
  '" or 1==1 or "',
];

describe('kqlString', () => {
  it('quotes plain values unchanged', () => {
    expect(kqlString('pump-0042')).toBe('"pump-0042"');
    expect(kqlString("valve'9")).toBe('"valve\'9"');
  });

  it('escapes backslashes and double quotes', () => {
    expect(kqlString('a"b')).toBe('"a\\"b"');
    expect(kqlString('a\\b')).toBe('"a\\\\b"');
    expect(kqlString('\\"')).toBe('"\\\\\\""');
  });

  it('strips control, line-separator and bidi characters', () => {
    expect(kqlString('a\nb\r\tc\u0000d\u2028e\u202ef')).toBe('"abcdef"');
  });

  it('always yields exactly one literal that decodes to the input without unsafe characters', () => {
    fc.assert(
      fc.property(tricky, (s) => {
        const lit = kqlString(s);
        const { value, end } = readLiteral(lit, 0);
        expect(end).toBe(lit.length);
        expect(value).toBe(s.replace(UNSAFE, ''));
      }),
      { numRuns: 500 },
    );
  });
});

describe('connectionsKql', () => {
  it('builds the official Connections query with the time window, projection and order', () => {
    const q = connectionsKql({});
    const lines = q.split('\n');
    expect(lines[0]).toBe('AzureDiagnostics');
    expect(q).toContain(`| where TimeGenerated > ago(${DEFAULT_KQL_SINCE})`);
    expect(q).toContain('| where ResourceProvider == "MICROSOFT.DEVICES" and ResourceType == "IOTHUBS"');
    expect(q).toContain('| where Category == "Connections"');
    expect(q).toContain('| extend parsed_json = parse_json(properties_s)');
    expect(q).toContain('DeviceId = tostring(parsed_json.deviceId)');
    expect(q).toContain('| project TimeGenerated, DeviceId, OperationName, ResultType, ResultDescription, Protocol, MaskedIpAddress');
    expect(lines[lines.length - 1]).toBe('| order by DeviceId asc, TimeGenerated asc');
    expect(q).not.toContain('DeviceId in');
    expect(q).not.toContain('_ResourceId');
  });

  it('filters by devices and hub when given', () => {
    const q = connectionsKql({ deviceIds: ['pump-0042', 'gateway-eu-01', 'pump-0042'], hub: 'contoso-iot-prod', since: '7d' });
    expect(q).toContain('| where DeviceId in ("pump-0042", "gateway-eu-01")');
    expect(q).toContain('| where _ResourceId endswith "/iothubs/contoso-iot-prod"');
    expect(q).toContain('ago(7d)');
    // The device filter must come after DeviceId is computed.
    expect(q.indexOf('DeviceId in')).toBeGreaterThan(q.indexOf('extend DeviceId'));
  });

  it('accepts a hub host name', () => {
    expect(connectionsKql({ hub: 'contoso-iot-prod.azure-devices.net' })).toContain('endswith "/iothubs/contoso-iot-prod"');
  });

  it('falls back to 24h for a bad time window', () => {
    for (const since of ['24h) | take 1 | where (1==1', '0h', '', 'forever', '99999d', '1y'])
      expect(connectionsKql({ since })).toContain('ago(24h)');
    expect(connectionsKql({ since: '90m' })).toContain('ago(90m)');
  });

  it('caps the device list at 50 ids and says so', () => {
    const ids = Array.from({ length: 80 }, (_, i) => `sensor-ams-${i}`);
    const q = connectionsKql({ deviceIds: ids });
    const { literals } = skeleton(q.split('\n').find((l) => l.includes('DeviceId in'))!);
    expect(literals).toHaveLength(MAX_KQL_DEVICE_IDS);
    expect(literals).toEqual(ids.slice(0, MAX_KQL_DEVICE_IDS));
    expect(q.split('\n')[0]).toBe('// Showing 50 of 80 devices; run it again for the rest.');
  });

  it('keeps the in-expression within 8192 characters even for ids that escape long', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `${'\\"'.repeat(42)}${String(i).padStart(2, '0')}`);
    const q = connectionsKql({ deviceIds: ids });
    const line = q.split('\n').find((l) => l.includes('DeviceId in'))!;
    const expr = line.replace('| where ', '');
    expect(expr.length).toBeLessThanOrEqual(MAX_KQL_IN_EXPRESSION_CHARS);
    const { literals } = skeleton(line);
    expect(literals.length).toBeGreaterThan(0);
    expect(literals.length).toBeLessThan(50);
    expect(literals).toEqual(ids.slice(0, literals.length));
  });

  it('skips empty and over-long ids rather than truncating them', () => {
    const q = connectionsKql({ deviceIds: ['', '   ', 'x'.repeat(129), 'pump-0042'] });
    expect(q).toContain('| where DeviceId in ("pump-0042")');
  });

  it.each(HOSTILE)('keeps hostile input %j inside string literals', (bad) => {
    const benign = skeleton(connectionsKql({ deviceIds: ['a', 'b'], hub: 'h' }));
    const hostile = skeleton(connectionsKql({ deviceIds: [bad, `${bad}2`], hub: bad }));
    expect(hostile.shape).toBe(benign.shape);
    // The values survive (minus unsafe characters), so the query still finds the device.
    const clean = bad.replace(UNSAFE, '').trim();
    expect(hostile.literals).toContain(clean);
    expect(hostile.literals).toContain(`/iothubs/${clean}`);
  });

  it('keeps any device ids and hub inside literals (property)', () => {
    const benignShape = (n: number, hub: boolean) =>
      skeleton(connectionsKql({ deviceIds: Array.from({ length: n }, (_, i) => `d${i}`), hub: hub ? 'h' : undefined })).shape;
    fc.assert(
      fc.property(
        fc.array(tricky, { maxLength: 8 }),
        fc.option(tricky, { nil: undefined }),
        (ids, hub) => {
          const q = connectionsKql({ deviceIds: ids, hub });
          const { shape, literals } = skeleton(q);
          const hasHub = shape.includes('_ResourceId');
          const kept = literals.length - (hasHub ? 1 : 0) - 3; // 3 fixed literals
          expect(shape).toBe(benignShape(kept, hasHub));
        },
      ),
      { numRuns: 300 },
    );
  });
});
