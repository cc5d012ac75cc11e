// Cards: Triage and bot replies -> Adaptive Cards 1.5 for Teams (templates in cards/*.json).
export { CARD_SIZE_LIMIT, CARD_VERSION, type AdaptiveCard, type CardContext, type Explanation } from './types';
export { VERBS, type Verb, type VerbData } from './verbs';
export type { CheckHubData, ExplainData, FeedbackData, LookupDeviceData, ShowKqlData } from './verbs';
export { verdictCard } from './verdictCard';
export { deviceCard } from './deviceCard';
export { kqlCard } from './kqlCard';
export { helpCard, welcomeCard, examplesCard, errorCard, feedbackThanksCard } from './simpleCards';
export { compactTriage, COMPACT_MAX_BYTES } from './compactTriage';
export { cardByteSize, cardSizeBelow } from './size';
export { cardInvokeResponse, messageInvokeResponse, errorInvokeResponse, type CardInvokeResponse } from './invokeResponse';
export { fleetCard } from './fleetCard';
export { watchCard, watchAlertCard, watchRecoveredCard } from './watchCard';
