// The watch's alert and recovered cards, en and nl: what changed, the devices (first ten, with a count),
// the usual fix per finding from the knowledge base; valid Adaptive Card 1.5 under the size limit;
// device ids never in Markdown.
import { CARD_SIZE_LIMIT, cardByteSize, VERBS, watchAlertCard, watchCard, watchRecoveredCard } from '../../src/cards';
import { knowledge } from '../../src/triage/knowledge';
import { decideRound } from '../../src/watch/decideRound';
import { postCore } from '../../src/watch/findings';
import { watchStrings } from '../../src/watch/strings';
import { cardProblems, executeActions, markdownTexts, visibleText } from '../cards/cardCheck';
import { INJECTION } from '../cards/fixtures';
import { churner, churnThenLocked, fleet, HUB, lockedOutDevice, quiet, thumbprint } from './fleets';

const now = (min = 0) => new Date(Date.parse('2026-05-01T06:00:00Z') + min * 60_000);
const LANGS = ['en', 'nl'] as const;

function worsePost() {
  const first = decideRound(undefined, fleet([...churner('pump-1'), ...churner('pump-2')]), now());
  const d = decideRound(first.state, fleet([...churnThenLocked('pump-1'), ...churner('pump-2'), ...lockedOutDevice('pump-7'), ...thumbprint('cam-9')]), now(15));
  return { post: d.post!, state: d.state };
}

function recoveredPost() {
  const { state } = worsePost();
  return decideRound(state, fleet([...churner('pump-1'), ...churner('pump-2'), ...quiet('pump-7')]), now(30)).post!;
}

describe('watch alert card', () => {
  test.each(LANGS)('%s: says what changed, names the devices, and gives the usual fix per finding', (lang) => {
    const s = watchStrings(lang);
    const { post } = worsePost();
    const card = watchAlertCard(post, { lang });
    expect(cardProblems(card)).toEqual([]);
    expect(cardByteSize(card)).toBeLessThan(CARD_SIZE_LIMIT);
    const text = visibleText(card);
    expect(text).toContain(s.worseStatus(3));
    expect(text).toContain(s.change({ type: 'new-problem', devices: 2 }));
    expect(text).toContain(s.change({ type: 'churn-to-unrecovered', devices: 1 }));
    expect(text).toContain(s.now(3));
    for (const id of ['pump-1', 'pump-7', 'cam-9']) expect(text).toContain(id);
    expect(text).not.toContain('pump-2');
    expect(text).toContain(s.deviceLabel['churn-to-unrecovered']);
    // The lock-out that was churn first is listed first.
    expect(text.indexOf('pump-1')).toBeLessThan(text.indexOf('pump-7'));
    for (const kind of ['unrecovered-unauthorized', 'thumbprint-mismatch'] as const) {
      const kb = knowledge(kind, lang);
      expect(text).toContain(kb.title);
      expect(text).toContain(kb.fix[0]);
    }
    expect(text).toContain(s.footer);
    expect(executeActions(card)).toEqual([{ verb: VERBS.checkHub, title: s.checkHub, data: { hub: HUB } }]);
  });

  test('the stored post (no texts) renders the same card as the decided one', () => {
    const { post, state } = worsePost();
    expect(watchCard(state.pending!, { lang: 'en' })).toEqual(watchCard(post, { lang: 'en' }));
    expect(watchCard(postCore(post), { lang: 'nl' })).toEqual(watchAlertCard(post, { lang: 'nl' }));
  });

  test('fourteen new devices: ten named, the rest counted', () => {
    const d = decideRound(undefined, fleet(Array.from({ length: 14 }, (_, i) => lockedOutDevice(`dev-${String(i).padStart(2, '0')}`)).flat()), now());
    const card = watchAlertCard(d.post!, { lang: 'en' });
    expect(cardProblems(card)).toEqual([]);
    const text = visibleText(card);
    expect(text.match(/dev-\d\d/g)).toHaveLength(10);
    expect(text).toContain(watchStrings('en').more(4));
  });

  test('a device id with Markdown or HTML stays literal: never in a Markdown text', () => {
    const d = decideRound(undefined, fleet(lockedOutDevice(INJECTION)), now());
    const card = watchAlertCard(d.post!, { lang: 'en' });
    expect(cardProblems(card)).toEqual([]);
    expect(visibleText(card)).toContain('[click me]');
    expect(markdownTexts(card).join('\n')).not.toContain('evil.example');
  });
});

describe('watch recovered card', () => {
  test.each(LANGS)('%s: says every posted device is back, where each one is now, and since when it was open', (lang) => {
    const s = watchStrings(lang);
    const post = recoveredPost();
    expect(post.kind).toBe('recovered');
    const card = watchRecoveredCard(post, { lang });
    expect(cardProblems(card)).toEqual([]);
    expect(cardByteSize(card)).toBeLessThan(CARD_SIZE_LIMIT);
    const text = visibleText(card);
    expect(text).toContain(s.recoveredStatus);
    expect(text).toContain(s.change({ type: 'recovered', devices: 3 }));
    expect(text).toMatch(new RegExp(`pump-1\\s+${s.deviceLabel.churn}`));
    expect(text).toMatch(new RegExp(`pump-7\\s+${s.deviceLabel.healthy}`));
    expect(text).toMatch(new RegExp(`cam-9\\s+${s.deviceLabel.unlisted}`));
    expect(text).toContain(s.openSince('2026-05-01 06:15:00'));
    expect(watchCard(post, { lang })).toEqual(card);
  });
});
