// Size limits shared by the prompt (what we ask for) and the check (what we accept). Structured outputs
// cannot carry maxLength, so these are enforced in code (check.ts).

/** What the prompt asks for. */
export const TARGET_EXPLANATION_CHARS = 800;
/** Hard limit: a longer explanation is dropped, not truncated (a cut sentence can change its meaning). */
export const MAX_EXPLANATION_CHARS = 1000;
export const MAX_FOLLOW_UPS = 3;
export const MAX_FOLLOW_UP_CHARS = 200;
export const MAX_FIX_STEP_IDS = 20;

/** Prompt caps: bounded cost and latency whatever the paste size. */
export const MAX_PROMPT_FINDINGS = 25;
export const MAX_PROMPT_EVIDENCE_LINES = 40;
export const MAX_PROMPT_DEVICES = 20;
export const MAX_PROMPT_STRING_CHARS = 300;
export const MAX_QUESTION_CHARS = 1000;

/** Output token cap sent with the request (the JSON envelope plus ~1000 characters fits easily). */
export const MAX_COMPLETION_TOKENS = 700;

/** Concurrent calls per explainer; beyond this we answer "throttled" at once instead of queueing. */
export const MAX_IN_FLIGHT = 8;
