// Shared test helpers: a fake Entra ID credential, and the card checker of test/cards.
import type { AccessToken, TokenCredential } from '@azure/identity';
import type { AdaptiveCard } from '../../src/cards';
import { cardProblems } from '../cards/cardCheck';

export const FAKE_TOKEN = 'fake-entra-token-0123456789';

export function fakeCredential(): TokenCredential & { scopes: string[][] } {
  const scopes: string[][] = [];
  return {
    scopes,
    async getToken(s: string | string[]): Promise<AccessToken> {
      scopes.push(Array.isArray(s) ? s : [s]);
      return { token: FAKE_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

/** Every problem test/cards' checker finds (fleetDevice is a registered verb). */
export function fleetCardProblems(card: AdaptiveCard): string[] {
  return cardProblems(card);
}
