// Universal Actions invoke responses: the body shapes come from src/cards (the shape Teams expects:
// {statusCode, type, value}); botbuilder sends `{status, body}` back as the HTTP response.
import { cardInvokeResponse, errorInvokeResponse, messageInvokeResponse, type AdaptiveCard, type CardInvokeResponse } from '../cards';

export interface InvokeReply {
  status: number;
  body: CardInvokeResponse;
}

function wrap(body: CardInvokeResponse): InvokeReply {
  return { status: body.statusCode, body };
}

export function cardResponse(card: AdaptiveCard): InvokeReply {
  return wrap(cardInvokeResponse(card));
}

export function messageResponse(text: string): InvokeReply {
  return wrap(messageInvokeResponse(text));
}

export function errorResponse(status: 400 | 500, code: string, message: string): InvokeReply {
  return wrap(errorInvokeResponse(code, message, status));
}
