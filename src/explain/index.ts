// Optional Azure OpenAI explanations of a finished triage. Rules decide the verdict; this
// module only explains it, and every answer is checked in code before it may be shown.
export type { Explanation, ExplainFailure, ExplainOutcome, Explainer } from './types';
export {
  createExplainer,
  createExplainerFromEnv,
  notConfiguredExplainer,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_MAX_RETRIES,
  type ExplainerConfig,
  type ExplainerOptions,
  type ExplainEvent,
} from './azureExplainer';
export { buildPrompt, UNTRUSTED_BEGIN, UNTRUSTED_END } from './prompt';
export { checkExplanation, checkAgainstGrounding, isRejection, type Rejection } from './check';
export { groundingFor, type Grounding, type FixStep } from './grounding';
export { inventedFixes } from './inventedFix';
export { readExplainSettings, DEFAULT_API_VERSION, type ExplainSettings, type ExplainSettingsResult } from './config';
export { explanationLabel, explainButtonLabel, failureMessage, pasteHint } from './messages';
export { RESPONSE_SCHEMA, RESPONSE_SCHEMA_NAME } from './schema';
