// The verdict card: headline and colour per verdict, what to do, devices, churn timeline, key
// evidence, a collapsible evidence section, and the actions. Shrinks itself until it fits.
import type { Triage } from '../triage/types';
import { errorCard } from './simpleCards';
import { cardSizeBelow } from './size';
import { strings } from './strings';
import { expand } from './templates';
import { CARD_SIZE_LIMIT, type AdaptiveCard, type CardContext } from './types';
import { minimalVerdictView, VERDICT_LIMITS, verdictView } from './verdictView';

export function verdictCard(triage: Triage, ctx: CardContext): AdaptiveCard {
  try {
    for (const limits of VERDICT_LIMITS) {
      const card = expand('verdict', verdictView(triage, ctx, limits));
      if (cardSizeBelow(card, CARD_SIZE_LIMIT)) return card;
    }
  } catch {
    // fall through: a fault in one section must not cost the user the verdict
  }
  try {
    const card = expand('verdict', minimalVerdictView(triage, ctx));
    if (cardSizeBelow(card, CARD_SIZE_LIMIT)) return card;
  } catch {
    // fall through to the error card
  }
  return errorCard(strings(ctx.lang).verdictFailed, ctx);
}
