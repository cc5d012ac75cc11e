// Structured-output schema for Azure OpenAI (response_format json_schema, strict). Strict mode demands
// every property required and additionalProperties false, and rejects minLength/maxLength — so sizes are
// enforced in check.ts, not here.
import { VERDICTS } from '../triage/types';

export const RESPONSE_SCHEMA_NAME = 'iothub_triage_explanation';

export const RESPONSE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['verdict', 'language', 'explanation', 'followUpQuestions', 'fixStepIds'],
  properties: {
    verdict: { type: 'string', enum: [...VERDICTS], description: 'The verdict given in the prompt, copied exactly.' },
    language: { type: 'string', enum: ['en', 'nl'], description: 'The language code given in the prompt.' },
    explanation: { type: 'string', description: 'Plain-words explanation in the requested language.' },
    followUpQuestions: { type: 'array', items: { type: 'string' }, description: 'Questions for the device owner.' },
    fixStepIds: { type: 'array', items: { type: 'string' }, description: 'Ids of the knowledge-base fix steps relied on.' },
  },
} as const;
