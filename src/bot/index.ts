// The Teams bot: TriageBot (botbuilder edge) plus the plain functions it is built from.
export { TriageBot, toActivity } from './teamsBot';
export { readMessageText, botMentionNames, type MessageLike } from './inputText';
export { parseIntent, looksLikeQuestion, isDeviceId, type Intent } from './intent';
export { replyTo } from './handleMessage';
export { handleCardAction } from './cardActions';
export { langFromLocale } from './locale';
export { tenantOf, isTenantAllowed } from './tenant';
export { RecentActivities, activityKey } from './recentActivities';
export { handlerContext, type Reply, type ActionResult, type HandlerContext } from './reply';
export type { BotServices, BotOptions, BotTelemetry } from './services';
export { triageMessageAction, messagePayloadText } from './messageAction';
