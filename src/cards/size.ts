// Card size as Teams counts it: the UTF-8 bytes of the serialised JSON.
import type { AdaptiveCard } from './types';

export function cardByteSize(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/**
 * Whether the card's size is below `limit`. Most cards are far below Teams' limit, and an upper bound
 * taken from string lengths alone proves it without serialising: no UTF-16 unit becomes more than six
 * bytes of JSON (a \u escape), no number more than 25 characters ("-0.0000010365039511326112"). Only a
 * card the bound cannot clear is serialised, so the answer is always cardByteSize(card) < limit.
 */
export function cardSizeBelow(card: AdaptiveCard, limit: number): boolean {
  const known = measured.get(card);
  if (known !== undefined && known < limit) return true;
  const bound = jsonBytesAtMost(card, 0);
  const size = bound < limit ? bound : cardByteSize(card);
  measured.set(card, size);
  return size < limit;
}

/**
 * What a card was already measured at (its size, or a bound of it): the check at the edge (toActivity)
 * repeats none of the builder's. Cards are not changed after they are built.
 */
const measured = new WeakMap<object, number>();

/** A bound the template expansion added up while building the card (compileTemplate.ts). */
export function rememberSizeBound(card: object, bound: number): void {
  measured.set(card, bound);
}

const MAX_DEPTH = 64;

/** An upper bound of the UTF-8 length of JSON.stringify(v); Infinity when not sure (toJSON, deep nesting, bigint). */
export function jsonBytesAtMost(v: unknown, depth: number): number {
  switch (typeof v) {
    case 'string':
      return v.length * 6 + 2;
    case 'number':
      return 25;
    case 'boolean':
    case 'undefined':
    case 'function':
    case 'symbol':
      return 5; // "false", or "null" / nothing
    case 'object': {
      if (v === null) return 4;
      if (depth >= MAX_DEPTH || typeof (v as { toJSON?: unknown }).toJSON === 'function') return Infinity;
      let n = 2;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) n += jsonBytesAtMost(v[i], depth + 1) + 1;
        return n;
      }
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) n += k.length * 6 + 4 + jsonBytesAtMost(o[k], depth + 1);
      return n;
    }
    default:
      return Infinity;
  }
}
