// The verdict view shapes what depends only on a finding kind or a note code and the language once per
// process (src/cards/verdictView.ts): shared, read-only, bounded, and never a remembered fault.
import type * as ViewModule from '../../src/cards/verdictView';
import type * as KnowledgeModule from '../../src/triage/knowledge';
import type { Finding, FindingKind, Triage } from '../../src/triage/types';
import * as fx from './fixtures';

/** A fresh copy of the view and the knowledge base (empty shared entries), as one module graph. */
async function fresh(): Promise<{ view: typeof ViewModule; kb: typeof KnowledgeModule }> {
  jest.resetModules();
  return { view: await import('../../src/cards/verdictView'), kb: await import('../../src/triage/knowledge') };
}

type TodoView = { todo: Array<{ title: string; steps: Array<{ text: string }> }>; notes: Array<{ text: string }>; findings: Array<{ title: string }> };

const limits = (m: typeof ViewModule) => m.VERDICT_LIMITS[0];

afterEach(() => jest.restoreAllMocks());

test('a kind without hub facts is shaped once and shared, read-only, by every card in that language', async () => {
  const { view } = await fresh();
  const a = view.verdictView(fx.credential, { lang: 'en' }, limits(view)) as unknown as TodoView;
  const b = view.verdictView(fx.credential, { lang: 'en' }, limits(view)) as unknown as TodoView;
  const nl = view.verdictView(fx.credential, { lang: 'nl' }, limits(view)) as unknown as TodoView;
  expect(a.todo.length).toBeGreaterThan(0);
  expect(b.todo[0]).toBe(a.todo[0]);
  expect(Object.isFrozen(a.todo[0]) && Object.isFrozen(a.todo[0].steps)).toBe(true);
  expect(nl.todo[0]).not.toBe(a.todo[0]);
  expect(nl.todo[0].title).not.toBe(a.todo[0].title);
});

test("kinds and note codes the knowledge base does not know (a card action's data may carry any) are shaped each time, not kept", async () => {
  const { view, kb } = await fresh();
  view.verdictView(fx.credential, { lang: 'en' }, limits(view));
  view.verdictView(fx.inconclusive, { lang: 'en' }, limits(view));
  const kept = view.sharedViewEntries();
  expect(kept).toBeGreaterThan(0);
  for (let i = 0; i < 50; i++) {
    const kind = `made-up-kind-${i}` as FindingKind;
    const t: Triage = { ...fx.credential, findings: [{ ...fx.credential.findings[0], kind } as Finding], notes: [{ code: `made-up-note-${i}` } as unknown as Triage['notes'][number]] };
    const v = view.verdictView(t, { lang: 'en' }, limits(view)) as unknown as TodoView;
    expect(v.todo.map((x) => x.title)).toContain(kb.knowledge(kind, 'en').title);
    expect(v.notes.map((n) => n.text)).toContain(kb.noteText({ code: `made-up-note-${i}` } as unknown as Triage['notes'][number], 'en'));
  }
  expect(view.sharedViewEntries()).toBe(kept);
});

test('a knowledge-base fault is not remembered: the next card has the real title and steps', async () => {
  const { view, kb } = await fresh();
  const real = kb.knowledge('thumbprint-mismatch', 'en');
  const spy = jest.spyOn(kb, 'knowledge').mockImplementation(() => {
    throw new Error('kb broken');
  });
  const broken = view.verdictView(fx.credential, { lang: 'en' }, limits(view)) as unknown as TodoView;
  expect(broken.todo[0].title).toBe('thumbprint-mismatch');
  expect(broken.findings[0].title).toBe('thumbprint-mismatch');
  spy.mockRestore();
  const after = view.verdictView(fx.credential, { lang: 'en' }, limits(view)) as unknown as TodoView;
  expect(after.todo[0].title).toBe(real.title);
  expect(after.findings[0].title).toBe(real.title);
  expect(after.todo[0].steps.map((s) => s.text)).toEqual(real.fix.slice(0, 6));
});

test('a note without parameters reads the same from the shared entry as freshly shaped', async () => {
  const { view, kb } = await fresh();
  for (const lang of ['en', 'nl'] as const) {
    const first = view.verdictView(fx.inconclusive, { lang }, limits(view)) as unknown as TodoView;
    const again = view.verdictView(fx.inconclusive, { lang }, limits(view)) as unknown as TodoView;
    const expected = fx.inconclusive.notes.filter((n) => n.code !== 'secrets-redacted' && !n.code.startsWith('registry-')).map((n) => kb.noteText(n, lang));
    expect(first.notes.map((n) => n.text)).toEqual(expected.slice(0, limits(view).notes));
    expect(again.notes).toEqual(first.notes);
  }
});
