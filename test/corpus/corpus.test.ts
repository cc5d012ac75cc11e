// Real pastes from public bug reports (SOURCES.md): each gives the verdict and the per-device verdicts that
// the thread's diagnosis and the 401003 article mean, with every named device listed and no other.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { triage, VERDICTS } from '../../src/triage';
import { corpusCases, CORPUS_DIR, deviceVerdicts } from '../triage/expectations';

const cases = corpusCases();
const sources = readFileSync(join(CORPUS_DIR, 'SOURCES.md'), 'utf8');
const NOT_PASTES = new Set(['expected.json', 'SOURCES.md', 'corpus.test.ts']);

describe('the corpus itself', () => {
  it('holds at least 40 real pastes, at least 8 of benign churn and 5 not about authentication', () => {
    const count = (v: string) => cases.filter((c) => c.exp.verdict === v).length;
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(count('token-expiry-churn')).toBeGreaterThanOrEqual(8);
    expect(count('not-auth-related')).toBeGreaterThanOrEqual(5);
  });

  it('covers every SDK, IoT Edge, the CLI and the portal', () => {
    for (const prefix of ['c-', 'dotnet-', 'java-', 'node-', 'python-', 'edge-', 'cli-', 'portal-']) {
      expect(cases.filter((c) => c.file.startsWith(prefix)).length).toBeGreaterThan(0);
    }
  });

  it('every file has an expectation and a source URL in SOURCES.md, and every expectation a file', () => {
    const files = readdirSync(CORPUS_DIR).filter((f) => !NOT_PASTES.has(f));
    expect(cases.map((c) => c.file).sort()).toEqual(files.sort());
    for (const c of cases) {
      const row = sources.split('\n').find((l) => l.startsWith(`| \`${c.file}\``));
      expect(row).toMatch(/https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull)\/\d+/);
      expect(VERDICTS).toContain(c.exp.verdict);
      expect((c.exp as { source?: string }).source).toMatch(/^https:\/\/github\.com\//);
    }
  });
});

describe.each(cases.map((c) => [c.file, c] as const))('%s', (_file, c) => {
  const t = triage(readFileSync(c.path, 'utf8'), { now: new Date(c.exp.now) });

  it(`is ${c.exp.verdict}, with every named device judged`, () => {
    expect({ verdict: t.verdict, devices: deviceVerdicts(t) }).toEqual({ verdict: c.exp.verdict, devices: c.exp.devices });
  });
});
