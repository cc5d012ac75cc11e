// Types the bot codes against when it asks for a card.
import type { ExplainFailure, Explanation } from '../explain';
import type { Lang } from '../triage/types';

export type { Explanation };

export type AdaptiveCard = { type: 'AdaptiveCard'; version: string; [k: string]: unknown };

/** Teams refuses messages over 100 KB; we keep every card well under that. */
export const CARD_SIZE_LIMIT = 80 * 1024;

/** Teams renders Adaptive Cards up to 1.5. */
export const CARD_VERSION = '1.5';

export interface CardContext {
  lang: Lang;
  explanation?: Explanation;
  /** Show the "Explain" button (only when an explainer is configured). */
  explainAvailable?: boolean;
  /** Show "Check the whole hub" (verb checkHub, data {hub}). */
  hubCheckAvailable?: boolean;
  /** Show "Watch this hub" on the fleet card (verb watchHub, data {hub}): a whole-hub source and watch storage are set. */
  watchAvailable?: boolean;
  /** Where registry facts came from, e.g. "IoT Hub contoso.azure-devices.net"; shown small. */
  registrySource?: string;
  /** An explanation was asked for but could not be had (timeout, throttled, …): the card says so. */
  explainFailure?: ExplainFailure;
}
