// What handlers return: plain data, turned into Teams activities / invoke responses at the edge
// (teamsBot.ts), so handlers are testable without botbuilder.
import type { AdaptiveCard, CardContext } from '../cards/types';
import type { Lang } from '../triage/types';
import type { WatchConversation } from '../watch/conversationWatches';
import type { BotOptions, BotServices } from './services';

export type Reply = { type: 'card'; card: AdaptiveCard; summary?: string } | { type: 'text'; text: string };

/**
 * Result of an Action.Execute:
 * - `card`: replaces the clicked card (for everyone in the chat, so only when nothing is lost, e.g. the
 *   same verdict plus an explanation);
 * - `post`: a new reply in the same thread, plus a short acknowledgement, so the verdict stays visible;
 * - `message`: a short acknowledgement only (the card stays as it is);
 * - `error`: a Universal Actions error response.
 */
export type ActionResult =
  | { type: 'card'; card: AdaptiveCard }
  | { type: 'post'; reply: Reply; ack: string }
  | { type: 'message'; text: string }
  | { type: 'error'; status: 400 | 500; code: string; message: string };

/** What every handler gets: the reply language, the injected services, and the card context. */
export interface HandlerContext {
  lang: Lang;
  services: BotServices;
  options: BotOptions;
  card: CardContext;
  /** The conversation a `watch` posts to (read from the activity at the edge); absent when unknown. */
  conversation?: WatchConversation;
  /**
   * Fields for the turn's one log line, when the edge writes one (teamsBot.ts): a handler adds what it
   * knows (a triage's verdict and counts) instead of writing a line of its own.
   */
  turnLog?: Record<string, unknown>;
}

/**
 * `conversation` is read when a handler first asks for it: only the watch commands do, and reading it
 * copies the activity's conversation reference.
 */
export function handlerContext(lang: Lang, services: BotServices, options: BotOptions, conversation?: () => WatchConversation | undefined): HandlerContext {
  const ctx: HandlerContext = {
    lang,
    services,
    options,
    card: {
      lang,
      explainAvailable: services.explainer !== undefined,
      hubCheckAvailable: services.fleet !== undefined,
      watchAvailable: services.fleet !== undefined && services.watchStore !== undefined,
      registrySource: safeDescribe(services),
    },
  };
  if (conversation) {
    let read: { value: WatchConversation | undefined } | undefined;
    Object.defineProperty(ctx, 'conversation', { enumerable: true, get: () => (read ??= { value: conversation() }).value });
  }
  return ctx;
}

function safeDescribe(services: BotServices): string | undefined {
  try {
    return services.directory?.describe() ?? services.registry?.describe();
  } catch {
    return undefined;
  }
}
