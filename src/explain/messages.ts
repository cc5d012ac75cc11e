// User-facing strings of the explain feature, in English and Dutch. Failure messages never quote the
// underlying error (it can hold an endpoint or a request body); the reason code is for logs.
import type { Lang } from '../triage/types';
import type { ExplainFailure } from './types';

const FAILURE: Record<ExplainFailure, Record<Lang, string>> = {
  'not-configured': {
    en: 'AI explanations are not configured for this bot.',
    nl: 'AI-uitleg is niet ingesteld voor deze bot.',
  },
  timeout: {
    en: 'The AI explanation took too long and was skipped. The verdict above does not depend on it.',
    nl: 'De AI-uitleg duurde te lang en is overgeslagen. Het oordeel hierboven hangt er niet van af.',
  },
  throttled: {
    en: 'The AI service is busy right now. Try Explain again in a minute; the verdict above stands.',
    nl: 'De AI-dienst is nu te druk. Probeer Uitleg over een minuut opnieuw; het oordeel hierboven blijft staan.',
  },
  error: {
    en: 'The AI explanation is unavailable right now. The verdict above stands.',
    nl: 'De AI-uitleg is nu niet beschikbaar. Het oordeel hierboven blijft staan.',
  },
  'content-filter': {
    en: 'The AI service declined to explain this (content filter). The verdict above stands.',
    nl: 'De AI-dienst weigerde dit uit te leggen (inhoudsfilter). Het oordeel hierboven blijft staan.',
  },
  rejected: {
    en: 'The AI explanation did not pass our checks and is not shown. The verdict above stands.',
    nl: 'De AI-uitleg kwam niet door onze controles en wordt niet getoond. Het oordeel hierboven blijft staan.',
  },
};

export function failureMessage(reason: ExplainFailure, lang: Lang): string {
  return FAILURE[reason][lang];
}

/** Title of the card section that holds an explanation: always says it is AI-written. */
export function explanationLabel(lang: Lang): string {
  return lang === 'nl' ? 'Uitleg (AI)' : 'Explanation (AI)';
}

/** Label of the card button that asks for an explanation (only shown when an explainer is configured). */
export function explainButtonLabel(lang: Lang): string {
  return lang === 'nl' ? 'Uitleg' : 'Explain';
}

/**
 * Appended by code (not the model) to an answer given without evidence, so the engineer always learns
 * what to paste to get a verdict, whatever the model wrote.
 */
export function pasteHint(lang: Lang): string {
  return lang === 'nl'
    ? 'Voor een oordeel: plak de 401003-foutregels, een Log Analytics-export van de categorie Connections, het SDK-log, een SAS-token of connection string (sleutels worden verwijderd), of alleen het device-ID.'
    : 'To get a verdict, paste the 401003 error lines, a Log Analytics export of the Connections category, the SDK log, a SAS token or connection string (keys are redacted), or just the device ID.';
}
