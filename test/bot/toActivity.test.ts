// The edge's last check: a card over Teams' size limit is never sent; the user gets a short text instead.
import { toActivity } from '../../src/bot/teamsBot';
import { botText } from '../../src/bot/messages';
import { cardSizeBelow, verdictCard, type AdaptiveCard } from '../../src/cards';
import { CARD_SIZE_LIMIT } from '../../src/cards/types';
import { triage } from '../../src/triage';
import { captureLogs, NOW } from './fakes';
import { CHURN_LOG } from './samples';

const cardOfBytes = (chars: number): AdaptiveCard => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x'.repeat(chars) }] }) as AdaptiveCard;

describe('toActivity', () => {
  it('sends a verdict card as an attachment, with its summary', () => {
    const card = verdictCard(triage(CHURN_LOG, { now: NOW }), { lang: 'en' });
    const a = toActivity({ type: 'card', card, summary: 'churn' }, 'en');
    expect(a.attachments?.[0]).toMatchObject({ contentType: 'application/vnd.microsoft.card.adaptive', content: card });
    expect(a.summary).toBe('churn');
  });

  it('a card of exactly the limit goes out; one byte more becomes the "too large" text, logged with its size', () => {
    const base = Buffer.byteLength(JSON.stringify(cardOfBytes(0)));
    const logs = captureLogs();
    const fits = toActivity({ type: 'card', card: cardOfBytes(CARD_SIZE_LIMIT - base) }, 'en', logs);
    expect(fits.attachments).toHaveLength(1);
    const over = toActivity({ type: 'card', card: cardOfBytes(CARD_SIZE_LIMIT - base + 1) }, 'nl', logs);
    expect(over.attachments).toBeUndefined();
    expect(over.text).toBe(botText('tooLarge', 'nl'));
    expect(logs.lines()).toEqual([expect.objectContaining({ event: 'card-too-large', bytes: CARD_SIZE_LIMIT + 1 })]);
  });

  it('a card measured once is not re-measured smaller: the remembered size still says it is too large', () => {
    const big = cardOfBytes(CARD_SIZE_LIMIT);
    expect(cardSizeBelow(big, CARD_SIZE_LIMIT)).toBe(false);
    expect(cardSizeBelow(big, CARD_SIZE_LIMIT)).toBe(false);
    expect(toActivity({ type: 'card', card: big }, 'en').attachments).toBeUndefined();
  });
});
