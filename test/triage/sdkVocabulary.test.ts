// One test per entry of the SDK status vocabulary (src/triage/sdkVocabulary.ts, read from the SDKs' source):
// its example line, as the SDK prints it, is read with the meaning the table gives it.
import { kindCategory, triage, type FindingKind } from '../../src/triage';
import { sdkHits, sdkMeaningOf } from '../../src/triage/sdkStatus';
import { SDK_VOCABULARY } from '../../src/triage/sdkVocabulary';

const now = new Date('2026-12-01T12:00:00Z');
const entries = SDK_VOCABULARY.flatMap((g) => g.phrases.map((p) => ({ ...p, sdk: g.sdk, source: g.source })));
const TIMELINE = new Set(['renewal', 'disconnect', 'reconnect', 'connected', 'other-error']);

describe('the vocabulary table', () => {
  it('covers the C, C#, Java, Node and Python SDKs and IoT Edge, each group citing a file of its repository', () => {
    for (const sdk of ['c', 'csharp', 'java', 'node', 'python', 'edge']) expect(entries.some((e) => e.sdk === sdk)).toBe(true);
    for (const g of SDK_VOCABULARY) expect(g.source).toMatch(/^Azure\/[\w.-]+\/.+\.\w+$/);
  });
});

describe.each(entries.map((e) => [`${e.sdk}: ${e.text}`, e] as const))('%s', (_name, e) => {
  it(`is read as ${e.meaning}`, () => {
    // The phrase itself, in any case and with _ - or space between its words.
    expect(sdkMeaningOf(e.text)).toBe(e.meaning);
    expect(sdkMeaningOf(e.text.toLowerCase().replace(/_/g, ' '))).toBe(e.meaning);
    // And inside its example line, as the SDK prints it.
    const meanings = sdkHits(e.example).map((h) => h.meaning);
    expect(meanings).toContain(e.meaning);
    if (!TIMELINE.has(e.meaning)) {
      // A credential meaning reaches the verdict; a generic refusal may give way to the specific reason
      // the same line names ("CBS reported status code 401, error: '... invalid signature ...'").
      const t = triage(e.example, { now });
      const kinds = t.findings.map((f) => f.kind);
      if (e.meaning === 'credentials-rejected') expect(kinds.some((k) => kindCategory(k) === 'credential')).toBe(true);
      else expect(kinds).toContain(e.meaning as FindingKind);
      expect(t.verdict).toBe('credential-problem');
    }
  });
});
