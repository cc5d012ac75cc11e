// One whole bot turn in process, beside the echo bot sample's: the load bench's pastes through
// TriageBot.run on an adapter whose only work is serialising each reply (as the connector client does),
// so what is left is the bot's own cost per turn, without HTTP and without the load bench's noise.
// The turns alternate with echo turns, as they do on a server: the engine's tables and code are no
// longer in the CPU's caches when the next paste comes, so a turn costs more than the same triage and
// card repeated in a tight loop (printed beside it).
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { Writable } from 'node:stream';
import { TriageBot } from '../src/bot/teamsBot';
import { verdictCard } from '../src/cards';
import { createLogger } from '../src/logger';
import { triage } from '../src/triage';
import { RecentActivities } from '../src/bot/recentActivities';
import { teamsMessage } from '../test/bot/fakes';
import { EchoBot, PASTES } from './load';

/** Serialises what a turn sends, as botbuilder's connector client does before the request. */
class SerialisingAdapter extends BotAdapter {
  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const a of activities) JSON.stringify(a);
    return activities.map((_, i) => ({ id: String(i) }));
  }
  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}
  async continueConversation(_reference: Partial<ConversationReference>, _logic: (context: TurnContext) => Promise<void>): Promise<void> {}
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export async function benchTurn(turns = Number(process.env.BENCH_TURNS ?? 1200), rounds = Number(process.env.BENCH_TURN_ROUNDS ?? 9)): Promise<void> {
  const adapter = new SerialisingAdapter();
  // Logging stays on (its cost is real), written nowhere.
  const logger = createLogger({ level: 'info', destination: new Writable({ write: (_c, _e, cb) => cb() }) as unknown as { write(s: string): void } });
  const bots = { echo: new EchoBot(), bot: new TriageBot({ clock: () => new Date(), logger }, { allowedTenantIds: [] }) };
  let seq = 0;
  // Activities as the adapter receives them (parsed JSON), a new id each so none is taken for a resend.
  const activities = (n: number): Activity[] =>
    Array.from({ length: n }, (_, i) => JSON.parse(JSON.stringify(teamsMessage(PASTES[i % PASTES.length], { kind: i % 2 ? 'personal' : 'channel', id: `turn-${seq++}`, serviceUrl: 'http://127.0.0.1:1/' }))) as Activity);
  const run = async (name: keyof typeof bots, n: number): Promise<number> => {
    const list = activities(n);
    const t = process.hrtime.bigint();
    for (const a of list) await bots[name].run(new TurnContext(adapter, a));
    return Number(process.hrtime.bigint() - t) / 1e3 / n;
  };
  const now = new Date();
  const tight = (n: number): number => {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) JSON.stringify(verdictCard(triage(PASTES[i % PASTES.length], { now, maxBytes: 200 * 1024 }), { lang: 'en' }));
    return Number(process.hrtime.bigint() - t) / 1e3 / n;
  };
  await run('echo', turns);
  await run('bot', turns);
  tight(turns);
  const echo: number[] = [];
  const bot: number[] = [];
  const loop: number[] = [];
  for (let r = 0; r < rounds; r++) {
    echo.push(await run('echo', turns));
    bot.push(await run('bot', turns));
    loop.push(tight(turns));
  }
  const extra = median(bot.map((b, i) => b - echo[i]));
  console.log(`\nOne turn in process (the load bench's ${PASTES.length} pastes in turn; median of ${rounds} rounds x ${turns} turns; µs per turn)`);
  console.log('| echo bot sample | IoT Hub Triage bot | bot - echo | triage + card + serialising, same pastes in a tight loop |');
  console.log('|---:|---:|---:|---:|');
  console.log(`| ${median(echo).toFixed(0)} | ${median(bot).toFixed(0)} | ${extra.toFixed(0)} | ${median(loop).toFixed(0)} |`);
  // The resend check on a busy server: at its cap every new id forgets the oldest (a Map's own order once
  // cost a scan of every earlier deletion here: ~30-50 µs per activity at 10 000 ids against 1 µs at 100).
  const resendCheck = (max: number): number => {
    const recent = new RecentActivities({ max, ttlMs: 3_600_000 });
    let n = 0;
    for (; n < max; n++) recent.checkAndRemember(`c|${n}`);
    const t = process.hrtime.bigint();
    for (let i = 0; i < 50_000; i++) recent.checkAndRemember(`c|${n++}`);
    return Number(process.hrtime.bigint() - t) / 1e3 / 50_000;
  };
  console.log(`Resend check per activity at its cap: ${resendCheck(100).toFixed(2)} µs with 100 ids remembered, ${resendCheck(10_000).toFixed(2)} µs with 10 000 (the production cap)`);
}
