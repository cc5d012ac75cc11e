// Engine benchmark: triage time over resource-log JSON lines of 1, 10 and 50 MB beside plain
// JSON.parse of the same lines (the ratio is the figure; aim <= 2x), and adversarial text (aim < 100 ms/MB).
import { triage } from '../src/triage';
import { churn, connect, lockedOut, render } from '../test/triage/synth';

const now = new Date('2026-11-30T00:00:00Z');

export function jsonLinesOfSize(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  let d = 0;
  const t0 = Date.parse('2026-11-29T00:00:00Z');
  while (size < bytes) {
    const start = new Date(t0 + (d % 60) * 60_000);
    const evs = d % 10 === 9 ? [connect(`gw-${d}`, start), ...lockedOut(`gw-${d}`, new Date(start.getTime() + 60_000), 6)] : churn(`pump-${String(d).padStart(5, '0')}`, start, 12, 60 + (d % 6), 15 + (d % 20));
    const chunk = render.jsonLines(evs);
    parts.push(chunk);
    size += chunk.length + 1;
    d++;
  }
  return parts.join('\n');
}

export function adversarial(bytes: number): string[] {
  const rep = (s: string) => s.repeat(Math.ceil(bytes / s.length)).slice(0, bytes);
  return [
    rep('a'),
    rep('{'),
    rep('{"a":'),
    rep('HostName=a;'),
    rep('sig='),
    rep('SharedAccessKey='),
    rep('A'), // long base64-like run
    rep('401003 '),
    rep('2026-11-29T10:00:00Z '),
    rep('"deviceId":"'),
    rep('Thumbprint does not match configuration: Thumbprint: SHA1Hash='),
    rep('sr=x&'),
    rep('<p>'),
    rep('&amp;'),
    rep('"\\'),
    rep('11/29/2026, 10:00:00 AM '),
  ];
}

function time(fn: () => void, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return best;
}

export function benchEngine(sizesMb = [1, 10, 50]): void {
  console.log('\nTriage engine vs JSON.parse (resource-log JSON lines; best of 3)');
  console.log('| size | lines | JSON.parse per line (ms) | triage (ms) | ratio | verdict |');
  console.log('|---:|---:|---:|---:|---:|---|');
  for (const mb of sizesMb) {
    const text = jsonLinesOfSize(mb * 1024 * 1024);
    const lines = text.split('\n');
    const parse = time(() => {
      for (const l of text.split('\n')) JSON.parse(l);
    });
    let verdict = '';
    const tri = time(() => {
      verdict = triage(text, { now }).verdict;
    }, mb >= 50 ? 2 : 3);
    console.log(`| ${mb} MB | ${lines.length} | ${parse.toFixed(0)} | ${tri.toFixed(0)} | ${(tri / parse).toFixed(2)}x | ${verdict} |`);
  }
  console.log('\nAdversarial text, 1 MB each (aim: < 100 ms)');
  console.log('| input | triage (ms) |');
  console.log('|---|---:|');
  for (const s of adversarial(1024 * 1024)) {
    const ms = time(() => triage(s, { now }), 2);
    console.log(`| ${JSON.stringify(s.slice(0, 24))}… | ${ms.toFixed(1)} |`);
  }
}
