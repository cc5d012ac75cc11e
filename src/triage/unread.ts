// Evidence is never dropped in silence: records that mention an IoT Hub code, a credential message or a
// device state but yielded no event are counted, with examples, for the card and the CLI.
import type { FieldBag } from './fields/bag';

const MENTION =
  /\b(?:40[134]\d{3}|IoTHubUnauthori[sz]ed|DeviceConnectionClosedRemotely|not authori[sz]ed|thumbprint|duimafdruk|credentials?|sas[ -]?token|shared ?access ?signature|token (?:has )?expired|expired token|(?:device|apparaat) (?:is )?(?:disabled|uitgeschakeld)|autorisatie\w*|verificatie)\b/i;

const MAX_EXAMPLES = 3;
const EXAMPLE_CHARS = 120;

/** Counts, one record at a time, the records that mention evidence but gave no event. */
export class UnreadEvidence {
  private count = 0;
  private mention = '';
  private readonly examples: string[] = [];

  see(bag: FieldBag, eventful: boolean): void {
    if (eventful) return;
    const rec = bag.record;
    const text = rec.text || bag.texts.map((t) => t.text).join(' ');
    if (text.length > 20_000) return;
    const m = MENTION.exec(text);
    if (!m) return;
    // A question about an error is not evidence of one.
    if (/\?\s*$/.test(text.trim()) && !/\d{2}:\d{2}:\d{2}/.test(text)) return;
    this.count++;
    if (!this.mention) this.mention = m[0];
    if (this.examples.length < MAX_EXAMPLES) {
      const t = text.trim().replace(/\s+/g, ' ');
      this.examples.push(`line ${rec.line}: ${t.length > EXAMPLE_CHARS ? `${t.slice(0, EXAMPLE_CHARS - 1)}…` : t}`);
    }
  }

  result(): { count: number; mention: string; examples: string } | undefined {
    return this.count ? { count: this.count, mention: this.mention, examples: this.examples.join(' | ') } : undefined;
  }
}
