// What a verdict card costs per reply, part by part, beside the triage of the same paste: the view
// (strings, limits, redaction), the expansion (adaptivecards-templating's Template, as before, against
// the template compiled to plain code in use now), and the size check: serialising the card, against the
// bound the expansion added up while building it (what verdictCard uses). Medians of many builds; figures only.
import { Template } from 'adaptivecards-templating';
import { cardByteSize, cardSizeBelow, verdictCard } from '../src/cards';
import { CARD_SIZE_LIMIT } from '../src/cards/types';
import { expand, templateSource } from '../src/cards/templates';
import { VERDICT_LIMITS, verdictView } from '../src/cards/verdictView';
import { triage } from '../src/triage';
import { CHURN_LOG, THUMBPRINT_LOG } from '../test/bot/samples';

const now = new Date('2026-11-30T00:00:00Z');

function perCall(fn: () => void, n: number): number {
  for (let i = 0; i < Math.min(200, n); i++) fn();
  const rounds: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    rounds.push(Number(process.hrtime.bigint() - t) / 1e6 / n);
  }
  rounds.sort((a, b) => a - b);
  return rounds[3];
}

export function benchCards(n = Number(process.env.BENCH_CARD_BUILDS ?? 2000)): void {
  const library = new Template(templateSource('verdict'));
  console.log(`\nVerdict card per reply (median of 7 rounds x ${n} builds; ms per build)`);
  console.log('| paste | triage | view | expand: library | expand: compiled | size: serialised | size: expansion bound | whole card now |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name, text] of [
    ['churn log', CHURN_LOG],
    ['thumbprint mismatch', THUMBPRINT_LOG],
  ] as const) {
    const t = triage(text, { now });
    const ctx = { lang: 'en' as const, explainAvailable: true, hubCheckAvailable: true };
    const view = verdictView(t, ctx, VERDICT_LIMITS[0]);
    const card = expand('verdict', view);
    const cells = [
      perCall(() => triage(text, { now }), n),
      perCall(() => verdictView(t, ctx, VERDICT_LIMITS[0]), n),
      perCall(() => library.expand({ $root: view }), n),
      perCall(() => expand('verdict', view), n),
      perCall(() => cardByteSize(card), n),
      perCall(() => cardSizeBelow(expand('verdict', view), CARD_SIZE_LIMIT), n) - perCall(() => expand('verdict', view), n),
      perCall(() => verdictCard(t, ctx), n),
    ];
    console.log(`| ${name} | ${cells.map((c) => c.toFixed(3)).join(' | ')} |`);
  }
}
