// The conversation a watch posts to, read from the activity (the botbuilder side of `watch`). In a channel
// the watch belongs to the channel, not the thread it was asked in: the id loses its `;messageid=` suffix
// and the reference its activity id, so each proactive post starts a new thread in the channel.
import { TurnContext, type Activity } from 'botbuilder';
import type { WatchConversation } from '../watch/conversationWatches';
import { tenantOf } from './tenant';

const TYPES = ['channel', 'groupChat', 'personal'] as const;

/** A channel thread's id without its `;messageid=…`; other ids unchanged. */
export function channelOf(conversationId: string): string {
  const i = conversationId.indexOf(';messageid=');
  return i >= 0 ? conversationId.slice(0, i) : conversationId;
}

export function watchConversationOf(activity: Partial<Activity>): WatchConversation | undefined {
  const id = activity.conversation?.id;
  if (typeof id !== 'string' || id === '' || !activity.serviceUrl) return undefined;
  const rawType = activity.conversation?.conversationType;
  const conversationType = TYPES.find((t) => t === rawType) ?? 'personal';
  const conversationId = conversationType === 'channel' ? channelOf(id) : id;
  const reference = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  // Kept as JSON in the store: a plain copy, pointing at the channel (or chat) itself.
  const json = JSON.parse(JSON.stringify({ ...reference, conversation: { ...reference.conversation, id: conversationId } })) as Record<string, unknown>;
  const from = activity.from as { aadObjectId?: string; name?: string } | undefined;
  const createdBy = from?.name || from?.aadObjectId;
  return { conversationId, conversationType, tenantId: tenantOf(activity) ?? 'none', reference: json, ...(createdBy ? { createdBy } : {}) };
}
