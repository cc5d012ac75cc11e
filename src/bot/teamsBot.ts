// The Teams edge: the only place (with server.ts) that knows botbuilder's TurnContext. It checks the
// tenant, drops Teams' resends, turns activities into narrow inputs for the plain handlers, and their
// results into activities / invoke responses. A turn never throws: failures become an error card.
import {
  ActivityTypes,
  CardFactory,
  TeamsActivityHandler,
  TurnContext as BotTurnContext,
  type Activity,
  type InvokeResponse,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type TurnContext,
} from 'botbuilder';
import { cardByteSize, cardSizeBelow, errorCard } from '../cards';
import { CARD_SIZE_LIMIT } from '../cards/types';
import type { Lang } from '../triage/types';
import { createFileDownloader, fileCommand, fileText, hasFileAttachment, teamsFiles, type FileDownloader } from './attachments';
import { handleCardAction } from './cardActions';
import { welcome } from './commands/welcome';
import { isSlow, replyTo } from './handleMessage';
import { DEFAULT_TYPING_AFTER_MS, typingWhenSlow } from './typingWhenSlow';
import { readMessageText } from './inputText';
import { parseIntent } from './intent';
import { cardResponse, errorResponse, messageResponse, type InvokeReply } from './invokeResponse';
import { langFromLocale } from './locale';
import {
  isBotNotInConversation,
  justInTimeInstallResponse,
  planSubmitAction,
  postFailedResponse,
  taskMessage,
  threadConversationId,
  triageMessageAction,
  type SubmitActionLike,
} from './messageAction';
import { botText } from './messages';
import { ActivityDedupe } from './activityDedupe';
import { activityKey } from './recentActivities';
import { handlerContext, type ActionResult, type HandlerContext, type Reply } from './reply';
import type { BotOptions, BotServices } from './services';
import { isTenantAllowed, tenantOf, tenantRefusal } from './tenant';
import { watchConversationOf } from './watchConversation';

const ADAPTIVE_CARD_ACTION = 'adaptiveCard/action';
const MESSAGE_ACTION_FETCH = 'composeExtension/fetchTask';
const MESSAGE_ACTION_SUBMIT = 'composeExtension/submitAction';
/** The manifest's message action (deploy/appPackage/manifest.json). */
export const TRIAGE_MESSAGE_COMMAND = 'triageMessage';

export class TriageBot extends TeamsActivityHandler {
  private readonly dedupe: ActivityDedupe;
  private readonly files: FileDownloader;

  constructor(
    private readonly services: BotServices,
    private readonly options: BotOptions,
  ) {
    super();
    this.dedupe = new ActivityDedupe({ ...options.dedupe, shared: services.activityDedupe, logger: services.logger });
    this.files = services.files ?? createFileDownloader();

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (botId && (context.activity.membersAdded ?? []).some((m) => m.id === botId)) {
        await this.guarded(context, 'welcome', async (ctx) => this.send(context, welcome(ctx), ctx.lang));
      }
      await next();
    });
  }

  /** The tenant allow-list comes before anything else (every activity type); then Teams resends of messages are dropped. */
  protected override async onTurnActivity(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const tenantId = tenantOf(activity);
    if (!isTenantAllowed(tenantId, this.options.allowedTenantIds)) {
      await this.refuse(context, langFromLocale(activity.locale), tenantId);
      return;
    }
    if (activity.type === ActivityTypes.Message) {
      const key = activityKey(activity);
      if (key !== undefined && (await this.dedupe.isRepeat(key))) {
        this.services.logger.info({ event: 'duplicate-ignored', activityType: activity.type }, 'repeated activity ignored');
        return;
      }
    }
    await super.onTurnActivity(context);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== ADAPTIVE_CARD_ACTION) return super.onInvokeActivity(context);
    const started = Date.now();
    const lang = langFromLocale(context.activity.locale);
    const ctx = handlerContext(lang, this.services, this.options, () => watchConversationOf(context.activity));
    const value = (context.activity.value ?? {}) as { action?: { type?: unknown; verb?: unknown; data?: unknown } };
    const action = value.action;
    if (!action || action.type !== 'Action.Execute') {
      return errorResponse(400, 'BadRequest', botText('badActionData', lang));
    }
    try {
      const result = await handleCardAction(action.verb, action.data, ctx);
      const reply = await this.actionReply(context, result, ctx);
      this.services.logger.info({ event: 'turn', activityType: 'invoke', name: ADAPTIVE_CARD_ACTION, status: reply.status, lang, ms: Date.now() - started }, 'turn');
      return reply;
    } catch (err) {
      this.reportError(err, 'card-action');
      return errorResponse(500, 'InternalError', botText('turnFailed', lang));
    }
  }

  /** The "Triage with IoT Hub Triage" message action: the verdict opens in a dialog. */
  protected override async handleTeamsMessagingExtensionFetchTask(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    const started = Date.now();
    const lang = langFromLocale(context.activity.locale);
    const ctx = handlerContext(lang, this.services, this.options);
    const turnLog = (ctx.turnLog = {});
    try {
      if (action?.commandId !== TRIAGE_MESSAGE_COMMAND) return taskMessage(botText('unknownAction', lang));
      const response = await triageMessageAction(action.messagePayload, ctx, context.activity.conversation?.conversationType);
      this.services.logger.info({ event: 'turn', activityType: 'invoke', name: MESSAGE_ACTION_FETCH, lang, ms: Date.now() - started, ...turnLog }, 'turn');
      return response;
    } catch (err) {
      this.reportError(err, 'message-action', turnLog);
      return taskMessage(botText('turnFailed', lang));
    }
  }

  /** The dialog's "Post to thread" (and Teams' repeat of it after a just-in-time install). */
  protected override async handleTeamsMessagingExtensionSubmitAction(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    const started = Date.now();
    const lang = langFromLocale(context.activity.locale);
    const ctx = handlerContext(lang, this.services, this.options);
    const submit = action as SubmitActionLike;
    try {
      if (action?.commandId !== TRIAGE_MESSAGE_COMMAND) return taskMessage(botText('unknownAction', lang));
      const plan = await planSubmitAction(submit, ctx);
      if (plan.type === 'respond') return plan.response as MessagingExtensionActionResponse;
      const outcome = await this.postToConversation(context, toActivity(plan.reply, lang, this.services), submit.messagePayload);
      this.services.logger.info({ event: 'turn', activityType: 'invoke', name: MESSAGE_ACTION_SUBMIT, outcome, lang, ms: Date.now() - started }, 'turn');
      if (outcome === 'not-in-conversation') return justInTimeInstallResponse(submit.data, lang);
      if (outcome === 'failed') return postFailedResponse(lang);
      return {}; // closes the dialog; the card is in the conversation
    } catch (err) {
      this.reportError(err, 'message-action-submit');
      return taskMessage(botText('turnFailed', lang));
    }
  }

  /** Sends a new message into the invoke's conversation (a channel thread by its id), not as a reply to the invoke. */
  private async postToConversation(
    context: TurnContext,
    message: Partial<Activity>,
    payload: SubmitActionLike['messagePayload'],
  ): Promise<'posted' | 'not-in-conversation' | 'failed'> {
    const activity = BotTurnContext.applyConversationReference({ ...message }, BotTurnContext.getConversationReference(context.activity));
    delete activity.replyToId;
    const conversationId = threadConversationId(context.activity.conversation, payload);
    if (conversationId) activity.conversation = { ...activity.conversation, id: conversationId } as Activity['conversation'];
    try {
      await context.adapter.sendActivities(context, [activity]);
      return 'posted';
    } catch (err) {
      if (isBotNotInConversation(err)) return 'not-in-conversation';
      this.reportError(err, 'message-action-post');
      return 'failed';
    }
  }

  private async actionReply(context: TurnContext, result: ActionResult, ctx: HandlerContext): Promise<InvokeReply> {
    switch (result.type) {
      case 'card':
        return cardResponse(result.card);
      case 'message':
        return messageResponse(result.text);
      case 'post':
        await this.send(context, result.reply, ctx.lang);
        return messageResponse(result.ack);
      case 'error':
        return errorResponse(result.status, result.code, result.message);
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const started = Date.now();
    await this.guarded(context, 'message', async (ctx) => {
      const activity = context.activity;
      const text = readMessageText(activity);
      const conversationType = activity.conversation?.conversationType;
      const inGroup = conversationType === 'channel' || conversationType === 'groupChat';
      // Files reach bots in personal chat only (Teams' file download info); elsewhere say so.
      const files = inGroup ? [] : teamsFiles(activity.attachments);
      if (files.length > 0) {
        const replies = await typingWhenSlow(fileCommand(files, text, ctx, this.files), () => context.sendActivity({ type: ActivityTypes.Typing }), this.options.typingAfterMs ?? DEFAULT_TYPING_AFTER_MS);
        for (const reply of replies) await this.send(context, reply, ctx.lang);
        this.services.logger.info({ event: 'turn', activityType: 'message', conversationType, intent: 'file', lang: ctx.lang, ms: Date.now() - started, ...ctx.turnLog }, 'turn');
        return;
      }
      if (inGroup && hasFileAttachment(activity.attachments)) {
        await this.send(context, { type: 'text', text: fileText.notHere(ctx.lang) }, ctx.lang);
        if (text === '') return;
      }
      const intent = parseIntent(text);
      // Typing is only shown in personal chat (Teams ignores it in channels), and only when slow.
      const work = replyTo(intent, ctx);
      const reply =
        isSlow(intent) && context.activity.conversation?.conversationType === 'personal'
          ? await typingWhenSlow(work, () => context.sendActivity({ type: ActivityTypes.Typing }), this.options.typingAfterMs ?? DEFAULT_TYPING_AFTER_MS)
          : await work;
      await this.send(context, reply, ctx.lang);
      this.services.logger.info(
        {
          event: 'turn',
          activityType: 'message',
          conversationType: context.activity.conversation?.conversationType,
          intent: intent.kind,
          lang: ctx.lang,
          ms: Date.now() - started,
          ...ctx.turnLog,
        },
        'turn',
      );
    }, true);
  }

  /**
   * Run a turn's work; anything it throws becomes a logged error and a friendly error card. `logsTurn`: the
   * work writes the turn's log line, and handlers add their fields to it (HandlerContext.turnLog).
   */
  private async guarded(context: TurnContext, what: string, work: (ctx: HandlerContext) => Promise<void>, logsTurn = false): Promise<void> {
    const lang = langFromLocale(context.activity.locale);
    const ctx = handlerContext(lang, this.services, this.options, () => watchConversationOf(context.activity));
    if (logsTurn) ctx.turnLog = {};
    try {
      await work(ctx);
    } catch (err) {
      this.reportError(err, what, ctx.turnLog);
      await this.sendError(context, ctx);
    }
  }

  private async send(context: TurnContext, reply: Reply, lang: Lang): Promise<void> {
    await context.sendActivity(toActivity(reply, lang, this.services));
  }

  private async sendError(context: TurnContext, ctx: HandlerContext): Promise<void> {
    const message = botText('turnFailed', ctx.lang);
    try {
      await context.sendActivity(toActivity({ type: 'card', card: errorCard(message, ctx.card) }, ctx.lang, this.services));
    } catch (err) {
      // The card or the connector failed too: one plain-text attempt, then give up quietly.
      this.reportError(err, 'error-reply');
      try {
        await context.sendActivity({ type: ActivityTypes.Message, text: message });
      } catch {
        /* nothing more we can do for this turn */
      }
    }
  }

  private async refuse(context: TurnContext, lang: Lang, tenantId: string | undefined): Promise<void> {
    const activity = context.activity;
    this.services.logger.warn({ event: 'tenant-refused', tenantId: tenantId ?? null, activityType: activity.type }, 'tenant not allowed');
    const text = tenantRefusal(lang);
    try {
      if (activity.type === ActivityTypes.Message) {
        await context.sendActivity({ type: ActivityTypes.Message, text });
      } else if (activity.type === ActivityTypes.Invoke) {
        const reply =
          activity.name === ADAPTIVE_CARD_ACTION
            ? messageResponse(text)
            : activity.name === MESSAGE_ACTION_FETCH || activity.name === MESSAGE_ACTION_SUBMIT
              ? { status: 200, body: taskMessage(text) }
              : { status: 403, body: undefined };
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: reply });
      } else if (activity.type === ActivityTypes.ConversationUpdate) {
        const botId = activity.recipient?.id;
        if (botId && (activity.membersAdded ?? []).some((m) => m.id === botId)) await context.sendActivity({ type: ActivityTypes.Message, text });
      }
    } catch (err) {
      this.reportError(err, 'tenant-refusal');
    }
  }

  /** `fields`: what the turn's handlers had logged for it (a triage's verdict) before it failed. */
  private reportError(err: unknown, where: string, fields?: Record<string, unknown>): void {
    this.services.logger.error({ event: 'turn-error', where, err, ...fields }, 'turn failed');
    try {
      this.services.telemetry?.trackException(err, `bot.${where}`);
    } catch {
      /* telemetry must never break a turn */
    }
  }
}

/** A reply as a Teams message activity; cards that would exceed Teams' size limit become a short text. */
export function toActivity(reply: Reply, lang: Lang, services?: Pick<BotServices, 'logger'>): Partial<Activity> {
  if (reply.type === 'text') return { type: ActivityTypes.Message, text: reply.text, textFormat: 'markdown' };
  // The card builders already kept it below the limit; the bound usually proves that without serialising again.
  if (!cardSizeBelow(reply.card, CARD_SIZE_LIMIT + 1)) {
    services?.logger.warn({ event: 'card-too-large', bytes: cardByteSize(reply.card) }, 'card too large');
    return { type: ActivityTypes.Message, text: botText('tooLarge', lang) };
  }
  return { type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(reply.card)], ...(reply.summary ? { summary: reply.summary } : {}) };
}
