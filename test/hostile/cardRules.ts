// What every reply must satisfy, whatever was pasted: a valid Adaptive Card (≤ 1.5, no template
// leftovers) under Teams' size limit, or a short text; and user text only where hosts render it
// literally (TextRun), never where Markdown applies (TextBlock, facts, titles).
import type { AdaptiveCard } from '../../src/cards';
import { CARD_SIZE_LIMIT } from '../../src/cards/types';
import { cardProblems } from '../cards/cardCheck';

export const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/** Problems with one outgoing message activity; [] when it is fine. */
export function replyProblems(body: Record<string, unknown>, markers: string[] = []): string[] {
  const problems: string[] = [];
  const attachments = (body.attachments ?? []) as Array<{ contentType?: string; content?: unknown }>;
  if (attachments.length === 0) {
    if (typeof body.text !== 'string' || body.text.trim() === '') problems.push('neither a card nor text');
    else if (body.text.length > 8_000) problems.push(`text of ${body.text.length} chars`);
    for (const m of markers) if (String(body.text).includes(m)) problems.push(`user text "${m}" in a Markdown text reply`);
    return problems;
  }
  for (const a of attachments) {
    if (a.contentType !== ADAPTIVE) {
      problems.push(`attachment ${String(a.contentType)}`);
      continue;
    }
    const card = a.content as AdaptiveCard;
    const size = Buffer.byteLength(JSON.stringify(card));
    if (size > CARD_SIZE_LIMIT) problems.push(`card of ${size} bytes`);
    problems.push(...cardProblems(card));
    for (const m of markers) problems.push(...markdownExposure(card, m));
  }
  for (const m of markers) if (typeof body.summary === 'string' && body.summary.includes(m)) problems.push(`user text "${m}" in the summary`);
  return problems;
}

/** Places where `marker` (user text) lands in a field the host renders as Markdown. */
export function markdownExposure(card: unknown, marker: string): string[] {
  const found: string[] = [];
  const walk = (v: unknown, path: string, parentType: string | undefined, inData: boolean): void => {
    if (typeof v === 'string') {
      if (!v.includes(marker) || inData) return;
      const key = path.slice(path.lastIndexOf('.') + 1);
      if (parentType === 'TextRun' && key === 'text') return;
      found.push(`${path} (${parentType ?? 'object'})`);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const type = typeof o.type === 'string' ? o.type : parentType;
    for (const [k, child] of Object.entries(o)) {
      // Action data travels back to the bot; it is never shown.
      walk(child, `${path}.${k}`, Array.isArray(v) ? parentType : type, inData || k === 'data' || k === 'msteams');
    }
  };
  walk(card, '$', undefined, false);
  return found;
}
