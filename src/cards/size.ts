// Card size as Teams counts it: the UTF-8 bytes of the serialised JSON.
import type { AdaptiveCard } from './types';

export function cardByteSize(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
