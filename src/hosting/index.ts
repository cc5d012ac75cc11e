// Hosting concerns between restify/CloudAdapter and the bot: outbound rate limits, 429 handling and
// deadlines for replies, and strict 401s for forged tokens.
export { OutboundThrottle, OutboundLimitError, type OutboundEvent, type OutboundOptions, type OutboundStats } from './outboundThrottle';
export { SlidingWindowLimiter, TEAMS_THREAD_LIMITS, TEAMS_TENANT_LIMITS, type RateWindow, type RateLimiterOptions } from './rateLimiter';
export { retryAfterMs } from './retryAfter';
export { StrictAuthentication } from './strictAuthentication';
export { activityShapeProblem } from './activityShape';
