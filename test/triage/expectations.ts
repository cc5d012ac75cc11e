// Shared by the table tests: the hand-written expectations (test/fixtures/expected.json and test/corpus/expected.json) and the engine's per-device verdicts as one comparable map.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verdictForKinds, type FindingKind, type Triage, type Verdict } from '../../src/triage';

export interface Expectation {
  verdict: Verdict;
  kinds?: FindingKind[];
  /** Every device the text names (deviceId -> verdict), no more and no fewer. */
  devices: Record<string, Verdict>;
  now: string;
  note?: string;
}

export interface ExpectedCase {
  /** Shown in test names: the fixture file, or `corpus/<group>/<file>`. */
  name: string;
  /** The file name as keyed in its expectations file. */
  file: string;
  path: string;
  exp: Expectation;
}

export const FIXTURE_DIR = join(__dirname, '../fixtures');
export const CORPUS_DIR = join(__dirname, '../corpus');

/** Every line of every file in test/corpus and test/fixtures but the Markdown ones (oracle tests read them all). */
export function corpusAndFixtureLines(): string[] {
  return [CORPUS_DIR, FIXTURE_DIR]
    .flatMap((dir) => readdirSync(dir).filter((f) => !f.endsWith('.md')).map((f) => readFileSync(join(dir, f), 'utf8')))
    .flatMap((t) => t.split(/\r?\n/));
}

function readExpectations(path: string): Record<string, Expectation> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, Expectation>;
}

export function fixtureCases(): ExpectedCase[] {
  return Object.entries(readExpectations(join(FIXTURE_DIR, 'expected.json'))).map(([file, exp]) => ({
    name: file,
    file,
    path: join(FIXTURE_DIR, file),
    exp,
  }));
}

/** Entries of test/corpus/expected.json: real pastes from public bug reports (test/corpus/SOURCES.md). */
export function corpusCases(): ExpectedCase[] {
  const path = join(CORPUS_DIR, 'expected.json');
  if (!existsSync(path)) return [];
  return Object.entries(readExpectations(path)).map(([file, exp]) => ({ name: `corpus/${file}`, file, path: join(CORPUS_DIR, file), exp }));
}

/**
 * The engine's devices as deviceId -> verdict. A device's module rows (IoT Edge "<device>/<module>") count
 * towards the device: its verdict comes from the kinds of all its rows, as verdictForKinds judges one device.
 */
export function deviceVerdicts(t: Triage): Record<string, string> {
  const kinds = new Map<string, FindingKind[]>();
  for (const d of t.devices) kinds.set(d.deviceId, [...(kinds.get(d.deviceId) ?? []), ...d.kinds]);
  return Object.fromEntries([...kinds].map(([id, ks]) => [id, verdictForKinds(ks)]));
}
