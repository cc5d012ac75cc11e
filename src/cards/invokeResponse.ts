// Universal Actions replies in the shape Teams expects from an `adaptiveCard/action` invoke
// (botbuilder's AdaptiveCardInvokeResponse): a card that replaces the one clicked, a plain
// message, or an error. Kept framework-free so the bot layer stays thin.
import type { AdaptiveCard } from './types';

export type CardInvokeResponse =
  | { statusCode: 200; type: 'application/vnd.microsoft.card.adaptive'; value: AdaptiveCard }
  | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string }
  | { statusCode: 400 | 500; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

export function cardInvokeResponse(card: AdaptiveCard): CardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

export function messageInvokeResponse(text: string): CardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

export function errorInvokeResponse(code: string, message: string, statusCode: 400 | 500 = 400): CardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}
