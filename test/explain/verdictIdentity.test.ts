// The verdict is the rules' alone: identical with and without the explainer, whatever the model says.
// Runs over the hand-built triages and over every engine fixture in test/fixtures (triaged for real).
import { fc, test as propTest } from '@fast-check/jest';
import { checkExplanation, isRejection } from '../../src/explain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { triage as runTriage } from '../../src/triage';
import { overallVerdict } from '../../src/triage/verdict';
import { FINDING_KINDS, VERDICTS, type Lang, type Triage } from '../../src/triage/types';
import { goodAnswer } from './answers';
import { completion, startFakeAzureOpenAI, type FakeAzureOpenAI } from './fakeAzureOpenAI';
import { createExplainerFromEnv } from '../../src/explain';
import { deepFreeze, finding, fixtures, makeTriage } from './triages';

const fixtureDir = join(__dirname, '../fixtures');
const expected = JSON.parse(readFileSync(join(fixtureDir, 'expected.json'), 'utf8')) as Record<string, { now: string }>;
const ENGINE_TRIAGES: Array<[string, Triage]> = Object.entries(expected).map(([file, e]) => [
  file,
  runTriage(readFileSync(join(fixtureDir, file), 'utf8'), { now: new Date(e.now) }),
]);
const FIXTURE_TRIAGES: Array<[string, Triage]> = [...Object.entries(fixtures()), ...ENGINE_TRIAGES];

let server: FakeAzureOpenAI;
/** Which verdict the fake model echoes next. */
let echo: (typeof VERDICTS)[number] = 'inconclusive';
let echoLang: Lang = 'en';

beforeAll(async () => {
  server = await startFakeAzureOpenAI(() => completion(goodAnswer(undefined, echoLang, { verdict: echo })));
});
afterAll(() => server.close());

describe.each(FIXTURE_TRIAGES)('fixture %s', (_name, original) => {
  it.each(VERDICTS.map((v) => [v]))('model echoing %s never changes the verdict', async (v) => {
    const withoutExplainer = overallVerdict(original.findings);
    const triage = deepFreeze(structuredClone(original));
    const explainer = createExplainerFromEnv(
      { AZURE_OPENAI_ENDPOINT: server.endpoint, AZURE_OPENAI_DEPLOYMENT: 'gpt-4o', AZURE_OPENAI_API_KEY: 'k' },
      { timeoutMs: 2000, maxRetries: 0 },
    )!;
    echo = v;
    echoLang = 'en';
    const outcome = await explainer.explain(triage, 'en');
    expect(triage.verdict).toBe(withoutExplainer);
    expect(triage).toEqual(original);
    if (v === original.verdict) expect(outcome).toMatchObject({ ok: true, explanation: { verdict: original.verdict } });
    else expect(outcome).toMatchObject({ ok: false, reason: 'rejected' });
  });
});

// Pure property over random triages and random model output: an accepted explanation always carries
// the triage's own verdict, and checking never throws.
const arbTriage = fc
  .array(fc.record({ kind: fc.constantFrom(...FINDING_KINDS), device: fc.constantFrom('a', 'b', 'c', undefined) }), { maxLength: 6 })
  .map((fs) => makeTriage(fs.map((f) => finding(f.kind, f.device, [`401003 IoTHubUnauthorized ${f.device ?? ''}`]))));
/** Model output for a triage: often a well-formed answer echoing its verdict, sometimes anything at all. */
const arbCase = arbTriage.chain((triage) =>
  fc.tuple(
    fc.constant(triage),
    fc.oneof(
      { weight: 4, arbitrary: fc.record({
        verdict: fc.oneof(fc.constant(triage.verdict), fc.constantFrom(...VERDICTS)),
        language: fc.constantFrom('en', 'nl'),
        explanation: fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('Restart it.', 'See https://x.example.', 'The token expired.')),
        followUpQuestions: fc.array(fc.string({ maxLength: 50 }), { maxLength: 4 }),
        fixStepIds: fc.oneof(fc.constant([]), fc.array(fc.string({ maxLength: 30 }), { maxLength: 3 })),
      }) },
      { weight: 1, arbitrary: fc.anything() },
    ),
  ),
);

propTest.prop([arbCase, fc.constantFrom<Lang>('en', 'nl')], { seed: 6, numRuns: 300 })(
  'an accepted explanation always echoes the rules’ verdict',
  ([triage, raw], lang) => {
    const r = checkExplanation(raw, triage, lang);
    if (!isRejection(r)) {
      expect(r.verdict).toBe(triage.verdict);
      expect(r.lang).toBe(lang);
    }
  },
);
