// Evidence is never dropped in silence: records that mention an IoT Hub code, a credential message or a
// device state but yielded no event are counted, with examples, for the card and the CLI.
import type { FieldBag } from './fields/bag';

const MENTION =
  /\b(?:40[134]\d{3}|IoTHubUnauthori[sz]ed|DeviceConnectionClosedRemotely|not authori[sz]ed|thumbprint|duimafdruk|credentials?|sas[ -]?token|shared ?access ?signature|token (?:has )?expired|expired token|(?:device|apparaat) (?:is )?(?:disabled|uitgeschakeld)|autorisatie\w*|verificatie)\b/i;

const MAX_EXAMPLES = 3;
const EXAMPLE_CHARS = 120;

export function unreadEvidence(bags: FieldBag[], eventful: Uint8Array): { count: number; mention: string; examples: string } | undefined {
  let count = 0;
  let mention = '';
  const examples: string[] = [];
  for (let i = 0; i < bags.length; i++) {
    if (eventful[i]) continue;
    const rec = bags[i].record;
    const text = rec.text || bags[i].texts.map((t) => t.text).join(' ');
    if (text.length > 20_000) continue;
    const m = MENTION.exec(text);
    if (!m) continue;
    // A question about an error is not evidence of one.
    if (/\?\s*$/.test(text.trim()) && !/\d{2}:\d{2}:\d{2}/.test(text)) continue;
    count++;
    if (!mention) mention = m[0];
    if (examples.length < MAX_EXAMPLES) {
      const t = text.trim().replace(/\s+/g, ' ');
      examples.push(`line ${rec.line}: ${t.length > EXAMPLE_CHARS ? `${t.slice(0, EXAMPLE_CHARS - 1)}…` : t}`);
    }
  }
  return count ? { count, mention, examples: examples.join(' | ') } : undefined;
}
