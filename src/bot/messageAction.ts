// "Triage with IoT Hub Triage" on someone else's message (message extension action, fetchTask):
// the message's HTML body becomes text, is triaged like a paste, and the verdict card opens in a dialog.
import { CardFactory } from 'botbuilder';
import type { AdaptiveCard } from '../cards/types';
import { recordTriage, verdictReply } from './commands/pasteCommand';
import { htmlToText } from './html';
import type { HandlerContext } from './reply';
import { triageText } from './triageFlow';

export interface MessagePayloadLike {
  body?: { contentType?: string; content?: string } | null;
}

/** The text of the message the action was run on. Teams sends its body as HTML (contentType "html"). */
export function messagePayloadText(payload: MessagePayloadLike | undefined | null): string {
  const body = payload?.body;
  if (!body || typeof body.content !== 'string') return '';
  const text = body.contentType === 'text' ? body.content : htmlToText(body.content);
  return text.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ').trim();
}

export type TaskResponse =
  | { task: { type: 'continue'; value: { card: ReturnType<typeof CardFactory.adaptiveCard>; title: string; height: 'large'; width: 'large' } } }
  | { task: { type: 'message'; value: string } };

const TITLE = { en: 'IoT Hub Triage', nl: 'IoT Hub Triage' } as const;
const NOTHING = {
  en: 'That message has no text to triage.',
  nl: 'Dat bericht bevat geen tekst om te beoordelen.',
} as const;

export function taskMessage(text: string): TaskResponse {
  return { task: { type: 'message', value: text } };
}

export function taskCard(card: AdaptiveCard, ctx: HandlerContext): TaskResponse {
  return { task: { type: 'continue', value: { card: CardFactory.adaptiveCard(card), title: TITLE[ctx.lang], height: 'large', width: 'large' } } };
}

export async function triageMessageAction(payload: MessagePayloadLike | undefined, ctx: HandlerContext): Promise<TaskResponse> {
  const text = messagePayloadText(payload);
  if (text === '') return taskMessage(NOTHING[ctx.lang]);
  const run = await triageText(text, ctx.services, ctx.options, { lang: ctx.lang });
  recordTriage(run, 'message-action', ctx);
  const reply = verdictReply(run, ctx);
  return reply.type === 'card' ? taskCard(reply.card, ctx) : taskMessage(reply.text);
}
