// Sends a watch's card proactively through the CloudAdapter (the botbuilder side of the scheduler's
// WatchPoster). The stored reference points at the channel itself (no `;messageid=`, no activity id), so
// the connector call is a send to the conversation, which in a channel starts a new thread. It goes
// through the adapter's ConnectorFactory, i.e. through the outbound throttle like every reply.
// At most one message per idempotency key: the key is claimed in the shared dedupe before sending, and
// given back when the send fails (so the scheduler's resend can go out).
import { ActivityTypes, CardFactory, TurnContext, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { Logger } from '../logger';
import type { SharedDedupe } from '../watch/port';
import type { WatchPoster } from '../watch/scheduler';

/** Longer than a pending post may wait (24 h): a resend within it is recognised. */
export const WATCH_POST_DEDUPE_MS = 48 * 3_600_000;

export interface WatchPosterOptions {
  adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  /** The bot's app id ('' when anonymous, local only). */
  appId: string;
  dedupe?: SharedDedupe;
  logger: Logger;
}

export function createWatchPoster(options: WatchPosterOptions): WatchPoster {
  const { adapter, appId, dedupe, logger } = options;
  return async (reference, card, meta) => {
    const key = `watch-post:${meta.idempotencyKey}`;
    if (dedupe && !(await dedupe.firstSeen(key, WATCH_POST_DEDUPE_MS))) {
      logger.info({ event: 'watch-post-duplicate', hub: meta.hub, key: meta.idempotencyKey }, 'watch post already sent; not sent again');
      return;
    }
    let failure: unknown;
    try {
      await adapter.continueConversationAsync(appId, reference as Partial<ConversationReference> as ConversationReference, async (context) => {
        // Caught here: the adapter would hand an error to onTurnError and resolve, hiding the status.
        try {
          // Not context.sendActivity: that would make it a reply to the continuation event's made-up id.
          // Without a replyToId the adapter sends to the conversation: a new thread in a channel.
          const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] }, reference as Partial<ConversationReference>);
          delete activity.replyToId;
          await context.adapter.sendActivities(context, [activity]);
        } catch (err) {
          failure = err;
        }
      });
    } catch (err) {
      failure = err;
    }
    if (failure !== undefined) {
      await dedupe?.release?.(key).catch(() => undefined);
      throw failure;
    }
  };
}
