// "Triage with IoT Hub Triage" on someone else's message (message extension action on messages):
// - composeExtension/fetchTask: the message's HTML body becomes text, is triaged like a paste, and the
//   verdict card opens in a dialog with a "Post to thread" button (Action.Submit);
// - composeExtension/submitAction from that button: the bot posts the verdict card into the conversation
//   itself (the thread, in a channel). We post directly instead of answering with a botMessagePreview:
//   the dialog already IS the preview the user approved, and a second preview/Send step would add a click
//   without adding information. When the bot is not a member of the conversation, the post fails with
//   BotNotInConversationRoster and the dialog offers the just-in-time install instead; after the install
//   Teams repeats the submit with data.msteams.justInTimeInstall = true and the card is posted then.
// Plain functions: the TurnContext work (sending, catching the roster error) stays in teamsBot.ts.
import { CardFactory } from 'botbuilder';
import { cardSizeBelow, compactTriage, verdictCard } from '../cards';
import { CARD_SIZE_LIMIT, type AdaptiveCard } from '../cards/types';
import { containsSecret } from '../triage/redact';
import type { Lang, Triage } from '../triage/types';
import { asTriage } from './cardActions/explainAction';
import { recordTriage, verdictReply } from './commands/pasteCommand';
import { htmlToText } from './html';
import { botText } from './messages';
import type { HandlerContext, Reply } from './reply';
import { triageText } from './triageFlow';

export interface MessagePayloadLike {
  id?: string;
  replyToId?: string | null;
  body?: { contentType?: string; content?: string } | null;
}

/** The submit data our dialog's button sends back. `iothubTriage` marks it as ours. */
export const POST_TO_THREAD = 'postToThread';

/** Teams answers a dialog submit within 5 s; the registry gets less of it here than in a chat turn. */
export const SUBMIT_REGISTRY_BUDGET_MS = 2_500;

/** The text of the message the action was run on. Teams sends its body as HTML (contentType "html"). */
export function messagePayloadText(payload: MessagePayloadLike | undefined | null): string {
  const body = payload?.body;
  if (!body || typeof body.content !== 'string') return '';
  const text = body.contentType === 'text' ? body.content : htmlToText(body.content);
  return text.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ').trim();
}

type CardAttachment = ReturnType<typeof CardFactory.adaptiveCard>;

export type TaskResponse =
  | { task: { type: 'continue'; value: { card: CardAttachment; title: string; height: 'large' | 'small' | 'medium'; width: 'large' | 'small' | 'medium' } } }
  | { task: { type: 'message'; value: string } };

/** An empty response closes the dialog (Teams' "no response" option for submitAction). */
export type SubmitResponse = TaskResponse | Record<string, never>;

const TEXT = {
  title: { en: 'IoT Hub Triage', nl: 'IoT Hub Triage' },
  nothing: { en: 'That message has no text to triage.', nl: 'Dat bericht bevat geen tekst om te beoordelen.' },
  postToThread: { en: 'Post to thread', nl: 'Plaats in de thread' },
  postToChat: { en: 'Post to chat', nl: 'Plaats in de chat' },
  installTitle: { en: 'Add IoT Hub Triage here', nl: 'IoT Hub Triage hier toevoegen' },
  installBody: {
    en: 'To post the verdict here, IoT Hub Triage has to be added to this chat or team first. Select **Continue** to add it; the verdict card is posted right after.',
    nl: 'Om het oordeel hier te plaatsen moet IoT Hub Triage eerst aan deze chat of dit team worden toegevoegd. Kies **Doorgaan** om de app toe te voegen; daarna wordt de oordeelkaart meteen geplaatst.',
  },
  installContinue: { en: 'Continue', nl: 'Doorgaan' },
  postFailed: {
    en: "I couldn't post the verdict into the conversation. Try again, or paste the message to me in a chat.",
    nl: 'Ik kon het oordeel niet in het gesprek plaatsen. Probeer het opnieuw, of plak het bericht in een chat met mij.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export function taskMessage(text: string): TaskResponse {
  return { task: { type: 'message', value: text } };
}

export function taskCard(card: AdaptiveCard, ctx: Pick<HandlerContext, 'lang'>, size: 'large' | 'small' = 'large'): TaskResponse {
  return { task: { type: 'continue', value: { card: CardFactory.adaptiveCard(card), title: TEXT.title[ctx.lang], height: size, width: size } } };
}

/** The verdict card with "Post to thread" first: the compact (secret-free) triage rides along as a fallback. */
export function withPostButton(card: AdaptiveCard, triage: Triage, lang: Lang, conversationType: string | undefined): AdaptiveCard {
  const title = conversationType === 'channel' ? TEXT.postToThread[lang] : TEXT.postToChat[lang];
  const withTriage = { type: 'Action.Submit', title, style: 'positive', data: { iothubTriage: POST_TO_THREAD, triage: compactTriage(triage) } };
  const bare = { type: 'Action.Submit', title, style: 'positive', data: { iothubTriage: POST_TO_THREAD } };
  const actions = Array.isArray(card.actions) ? card.actions : [];
  const full: AdaptiveCard = { ...card, actions: [withTriage, ...actions] };
  // Teams refuses cards over its size limit; the message payload is sent again on submit anyway.
  return cardSizeBelow(full, CARD_SIZE_LIMIT) ? full : { ...card, actions: [bare, ...actions] };
}

/** fetchTask: triage the message and open the verdict card, with the post button, in a dialog. */
export async function triageMessageAction(payload: MessagePayloadLike | undefined, ctx: HandlerContext, conversationType?: string): Promise<TaskResponse> {
  const text = messagePayloadText(payload);
  if (text === '') return taskMessage(TEXT.nothing[ctx.lang]);
  const run = await triageText(text, ctx.services, ctx.options, { lang: ctx.lang });
  recordTriage(run, 'message-action', ctx);
  const reply = verdictReply(run, ctx);
  if (reply.type !== 'card') return taskMessage(reply.text);
  return taskCard(withPostButton(reply.card, run.triage, ctx.lang, conversationType), ctx);
}

export interface SubmitActionLike {
  commandId?: string;
  data?: unknown;
  messagePayload?: MessagePayloadLike | null;
  botMessagePreviewAction?: string;
}

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** True for our "Post" button, and for Teams' repeat of it after a just-in-time install. */
export function isPostRequest(data: unknown): boolean {
  const d = record(data);
  return d.iothubTriage === POST_TO_THREAD || record(d.msteams).justInTimeInstall === true;
}

export type SubmitPlan = { type: 'post'; reply: Reply } | { type: 'respond'; response: SubmitResponse };

/**
 * submitAction: what to post. The source message is triaged again when Teams sends it along (the card then
 * rests on the message, not on data a client sent back); otherwise the compact triage from our button is
 * used after the same checks as "Explain" (a triage, and nothing secret in it).
 */
export async function planSubmitAction(action: SubmitActionLike, ctx: HandlerContext): Promise<SubmitPlan> {
  if (!isPostRequest(action.data)) return { type: 'respond', response: taskMessage(botText('unknownAction', ctx.lang)) };
  const text = messagePayloadText(action.messagePayload);
  if (text !== '') {
    const registryBudgetMs = Math.min(ctx.options.registryBudgetMs ?? SUBMIT_REGISTRY_BUDGET_MS, SUBMIT_REGISTRY_BUDGET_MS);
    const run = await triageText(text, ctx.services, { ...ctx.options, registryBudgetMs }, { lang: ctx.lang });
    return { type: 'post', reply: verdictReply(run, ctx) };
  }
  const triage = asTriage(record(action.data).triage);
  if (!triage || containsSecret(JSON.stringify(triage))) return { type: 'respond', response: taskMessage(botText('badActionData', ctx.lang)) };
  return { type: 'post', reply: { type: 'card', card: verdictCard(triage, ctx.card) } };
}

/** The dialog that offers to add the bot to the conversation (Teams' just-in-time install). */
export function justInTimeInstallResponse(data: unknown, lang: Lang): TaskResponse {
  const d = record(data);
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: TEXT.installTitle[lang], weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: TEXT.installBody[lang], wrap: true },
    ],
    actions: [
      {
        type: 'Action.Submit',
        title: TEXT.installContinue[lang],
        // Teams installs the app, then submits again with this data (msteams.justInTimeInstall = true).
        data: { msteams: { justInTimeInstall: true }, iothubTriage: POST_TO_THREAD, ...(d.triage !== undefined ? { triage: d.triage } : {}) },
      },
    ],
  };
  return taskCard(card, { lang }, 'small');
}

export function postFailedResponse(lang: Lang): TaskResponse {
  return taskMessage(TEXT.postFailed[lang]);
}

const THREAD_MESSAGE_ID = /^[A-Za-z0-9:_-]{1,64}$/;

/**
 * Where the card goes: the conversation the action ran in; in a channel, the thread of the message
 * ("<channel id>;messageid=<root message id>", as Teams addresses channel threads).
 */
export function threadConversationId(conversation: { id?: string; conversationType?: string } | undefined, payload: MessagePayloadLike | null | undefined): string | undefined {
  const id = conversation?.id;
  if (!id) return undefined;
  if (conversation.conversationType !== 'channel' || id.includes(';messageid=')) return id;
  const root = payload?.replyToId || payload?.id;
  return root && THREAD_MESSAGE_ID.test(root) ? `${id};messageid=${root}` : id;
}

/** The connector's answer when the bot is not a member of the conversation (HTTP 403). */
export function isBotNotInConversation(err: unknown): boolean {
  const e = record(err);
  const body = record(e.body ?? record(e.response).parsedBody);
  const codes = [e.code, record(body.error).code, record(e.details).code].filter((c): c is string => typeof c === 'string');
  if (codes.includes('BotNotInConversationRoster')) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return /BotNotInConversationRoster/.test(message);
}
