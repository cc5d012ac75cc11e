// Universal Actions replies in the shape Teams expects.
import { cardInvokeResponse, errorInvokeResponse, feedbackThanksCard, messageInvokeResponse } from '../../src/cards';

test('a card reply replaces the clicked card', () => {
  const card = feedbackThanksCard({ lang: 'en' });
  expect(cardInvokeResponse(card)).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card });
});

test('message and error replies', () => {
  expect(messageInvokeResponse('ok')).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' });
  expect(errorInvokeResponse('badVerb', 'Unknown action')).toEqual({
    statusCode: 400,
    type: 'application/vnd.microsoft.error',
    value: { code: 'badVerb', message: 'Unknown action' },
  });
});
