// The compact triage carried in the Explain button: bounded, secret-free, still the same verdict.
import fc from 'fast-check';
import { COMPACT_MAX_BYTES, compactTriage } from '../../src/cards';
import { containsSecret } from '../../src/triage/redact';
import { FINDING_KINDS, type Finding, type Triage } from '../../src/triage/types';
import * as fx from './fixtures';

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

describe('compactTriage', () => {
  test('keeps a small triage whole (apart from dropping nothing it needs)', () => {
    const c = compactTriage(fx.churn);
    expect(c.verdict).toBe(fx.churn.verdict);
    expect(c.findings).toHaveLength(fx.churn.findings.length);
    expect(c.devices.map((d) => d.deviceId).sort()).toEqual(fx.churn.devices.map((d) => d.deviceId).sort());
    expect(c.now).toBe(fx.churn.now);
    expect(c.input).toEqual(fx.churn.input);
  });

  test('caps: ≤ 20 findings, ≤ 2 evidence each, ≤ 20 devices, ≤ 5 episodes each, ≤ 12 KB', () => {
    const t = fx.mixed(10_000, 300);
    t.devices = t.devices.map((d) => ({ ...d, episodes: fx.episodes(30), churnEpisodes: 30 }));
    const c = compactTriage(t);
    expect(c.findings.length).toBeLessThanOrEqual(20);
    expect(c.devices.length).toBeLessThanOrEqual(20);
    for (const f of c.findings) expect(f.evidence.length).toBeLessThanOrEqual(2);
    for (const d of c.devices) expect(d.episodes.length).toBeLessThanOrEqual(5);
    expect(bytes(c)).toBeLessThanOrEqual(COMPACT_MAX_BYTES);
    expect(c.verdict).toBe('mixed');
    expect(c.findings.length).toBeGreaterThan(0);
  });

  test('keeps one finding of every kind before a second of any kind (a rare credential kind is never crowded out)', () => {
    const t = fx.mixed(500);
    const rare: Finding = fx.finding('thumbprint-mismatch', 'pump-0042', [{ line: 9999, text: 'Thumbprint does not match configuration' }]);
    t.findings = [...t.findings, rare];
    const kinds = new Set(compactTriage(t).findings.map((f) => f.kind));
    expect(kinds).toEqual(new Set(['sas-signature-invalid', 'token-expiry-churn', 'thumbprint-mismatch']));
  });

  test('keeps the most severe devices', () => {
    const c = compactTriage(fx.mixed(100));
    expect(c.devices[0].verdict).toBe('credential-problem');
  });

  test('drops signature fingerprints and re-redacts every string', () => {
    const t: Triage = {
      ...fx.secret,
      findings: [{ ...fx.secret.findings[0], evidence: [{ line: 1, text: `SharedAccessKey=${fx.RAW_KEY}` }], details: { message: `sig=${fx.RAW_SIG}` } }],
      recognised: {
        ...fx.secret.recognised,
        sasTokens: [{ line: 3, resourceUri: 'contoso-hub.azure-devices.net/devices/sensor-19', scope: 'device', signatureSha256: 'ab'.repeat(32), stringToSign: 'x\n1' }],
      },
    };
    const json = JSON.stringify(compactTriage(t));
    expect(json).not.toContain(fx.RAW_KEY);
    expect(json).not.toContain(fx.RAW_SIG);
    expect(json).not.toContain('ab'.repeat(32));
    expect(json).not.toContain('stringToSign');
    expect(containsSecret(json)).toBe(false);
  });

  test('property: any triage compacts to ≤ 12 KB with the same verdict, and never throws', () => {
    const str = fc.string({ maxLength: 2000 });
    const findingArb = fc.record({
      kind: fc.constantFrom(...FINDING_KINDS),
      deviceId: fc.option(str, { nil: undefined }),
      evidence: fc.array(fc.record({ line: fc.nat(), text: str }), { maxLength: 8 }),
    });
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 60 }), fc.nat({ max: 300 }), str, (fs, nDevices, note) => {
        const t: Triage = {
          ...fx.mixed(nDevices, 300),
          findings: fs.map((f) => ({ ...f, details: { message: note }, source: 'paste' as const })),
          notes: [{ code: 'paste-more-context', params: { text: note } }],
          kql: note.repeat(5),
        };
        const c = compactTriage(t);
        expect(bytes(c)).toBeLessThanOrEqual(COMPACT_MAX_BYTES);
        expect(c.verdict).toBe(t.verdict);
      }),
      { numRuns: 60, seed: 4242 },
    );
  });
});
