// Model answers for the tests, shaped like the structured output the explainer asks for.
import type { Lang, Triage, Verdict } from '../../src/triage/types';

export interface ModelAnswer {
  verdict: Verdict;
  language: Lang;
  explanation: string;
  followUpQuestions: string[];
  fixStepIds: string[];
}

const PLAIN: Record<Lang, { text: string; questions: string[] }> = {
  en: {
    text: 'The hub closed the connection when the token ran out, and the device came back on its own a few seconds later. That pattern repeats about once per token lifetime.',
    questions: ['Does the device come back online by itself after each disconnect?'],
  },
  nl: {
    text: 'De hub sloot de verbinding toen het token afliep, en het device kwam een paar seconden later vanzelf terug. Dat patroon herhaalt zich ongeveer eens per tokenlevensduur.',
    questions: ['Komt het device na elke onderbreking vanzelf weer online?'],
  },
};

/** A well-behaved answer for `triage` (or for a question without one). */
export function goodAnswer(triage: Triage | undefined, lang: Lang, overrides: Partial<ModelAnswer> = {}): ModelAnswer {
  return {
    verdict: triage?.verdict ?? 'inconclusive',
    language: lang,
    explanation: PLAIN[lang].text,
    followUpQuestions: PLAIN[lang].questions,
    fixStepIds: [],
    ...overrides,
  };
}
