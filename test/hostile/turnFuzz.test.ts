// Hostile input over the whole turn: the real server, a Teams-shaped activity over HTTP, the reply caught
// at a local connector. Random bytes, huge pastes, deeply nested JSON, regex-hostile strings, HTML and
// Markdown injection, 10 000 device ids. Every activity gets exactly one reply: a valid card under the
// size limit (or a short text), user text never where Markdown renders, within Teams' ~15 s resend bound
// (a hang guard, not a speed check: speed is in `npm run bench`).
import fc from 'fast-check';
import nock from 'nock';
import { join } from 'node:path';
import { loadSnapshotRegistry } from '../../src/registry/snapshot';
import { teamsMessage, type ConversationKind } from '../bot/fakes';
import { messages, startBot, type BotUnderTest } from '../faults/harness';
import { startScriptedConnector, type ScriptedConnector } from '../faults/scriptedConnector';
import { replyProblems } from './cardRules';

const SNAPSHOT = join(__dirname, '../../samples/registry-snapshot.json');
const MARKER = 'ZQXJMARK';

let connector: ScriptedConnector;
let bot: BotUnderTest;
let n = 0;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  connector = await startScriptedConnector();
  bot = await startBot({ services: { registry: loadSnapshotRegistry(SNAPSHOT) } });
});
afterAll(async () => {
  await bot.close();
  await connector.close();
  nock.enableNetConnect();
});

/** Post `text` as a Teams message in a fresh conversation (so per-thread rate limits never slow the run) and return its one reply. */
async function turn(text: string, opts: { kind?: ConversationKind; html?: boolean } = {}): Promise<Record<string, unknown>> {
  const id = `fuzz-${++n}`;
  const kind = opts.kind ?? 'personal';
  const activity = teamsMessage(opts.html ? text.replace(/\n/g, ' ') : text, {
    kind,
    id,
    serviceUrl: connector.serviceUrl,
    html: opts.html ? `<div>${text.split('\n').map((l) => `<div>${l}</div>`).join('')}</div>` : undefined,
  });
  activity.conversation = { ...activity.conversation, id: `${activity.conversation?.id}-${id}` } as typeof activity.conversation;
  const res = await bot.post(activity, { boundMs: 15_000 });
  expect(res.status).toBe(200);
  const replies = messages(connector.requests).filter((r) => r.replyToId === id || (kind !== 'channel' && r.conversationId === activity.conversation?.id));
  expect(replies).toHaveLength(1);
  expect(replies[0].conversationId).toBe(activity.conversation?.id);
  return replies[0].body;
}

const ERROR_LINE = (device: string) => `2026-03-02T07:00:03Z deviceDisconnect device=${device} 401003 IoTHubUnauthorized`;

const hostileText = fc.oneof(
  // Random bytes, as text the way a client would mangle them.
  fc.uint8Array({ maxLength: 4_000 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.uint8Array({ maxLength: 4_000 }).map((b) => Buffer.from(b).toString('utf8')),
  fc.string({ unit: 'grapheme', maxLength: 2_000 }),
  // Regex-hostile repetitions of the shapes the recognisers look for.
  fc
    .tuple(
      fc.constantFrom('a', '{', '{"a":', 'HostName=a;', 'sig=', 'SharedAccessKey=', 'A', '401003 ', '2026-11-29T10:00:00Z ', '"deviceId":"', 'sr=x&', '<p>', '&amp;', '"\\', '<at>', '[](', '**', '\t,', 'device='),
      fc.integer({ min: 100, max: 20_000 }),
      fc.constantFrom('', '!', '\n', 'x', '='),
    )
    .map(([s, k, tail]) => s.repeat(k) + tail),
  // Injection around real evidence: HTML, Markdown, Adaptive Card templating, JSON.
  fc
    .tuple(
      fc.constantFrom(
        `[click ${MARKER}](https://evil.example/x)`,
        `<img src=x onerror=alert('${MARKER}')>`,
        `**${MARKER}** _${MARKER}_ # ${MARKER}`,
        '${' + MARKER + '} {{' + MARKER + '}} $when',
        `</div><script>${MARKER}</script>`,
        `{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"${MARKER}"}]}`,
      ),
      fc.constantFrom('pump-0042', `dev-${MARKER}`, 'thermostat-042'),
    )
    .map(([inj, device]) => `${ERROR_LINE(device)} ${inj}\n${inj}\n${ERROR_LINE(device)}`),
);

describe('hostile pastes through the whole turn', () => {
  it('random, regex-hostile and injected text: one valid reply each, user text never rendered as Markdown', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, fc.constantFrom<ConversationKind>('personal', 'channel', 'groupChat'), fc.boolean(), async (text, kind, html) => {
        const body = await turn(text, { kind, html });
        expect(replyProblems(body, [MARKER])).toEqual([]);
      }),
      { seed: 424242, numRuns: 40 },
    );
  });

  it('a huge paste (beyond the 256 KB input cap)', async () => {
    const line = (i: number) => `${ERROR_LINE(`pump-${i % 500}`)} ${'x'.repeat(80)}`;
    const text = Array.from({ length: 4_000 }, (_, i) => line(i)).join('\n');
    expect(text.length).toBeGreaterThan(256 * 1024);
    expect(replyProblems(await turn(text))).toEqual([]);
  });

  it('deeply nested JSON (arrays and objects)', async () => {
    for (const text of ['['.repeat(60_000) + ']'.repeat(60_000), '{"a":'.repeat(40_000) + '1' + '}'.repeat(40_000), `{"records":${'['.repeat(5_000)}{"deviceId":"pump-0042","resultType":"401003"}${']'.repeat(5_000)}}`]) {
      expect(replyProblems(await turn(text))).toEqual([]);
    }
  });

  it('10 000 device ids in one message', async () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `device-${String(i).padStart(5, '0')}`);
    expect(replyProblems(await turn(ids.join('\n')))).toEqual([]);
    expect(replyProblems(await turn(ids.map(ERROR_LINE).join('\n')))).toEqual([]);
  });

  it('a body that is not an activity, or barely one: 4xx or a reply, never a crash', async () => {
    for (const body of ['', 'null', '[]', '{"type":"message"}', '{"type":"message","conversation":{"id":1},"serviceUrl":{"a":1}}', '{"type":"message","text":{"$gt":1}}']) {
      const res = await bot.post(body, { boundMs: 15_000 });
      expect([200, 201, 202, 400, 401, 415]).toContain(res.status);
    }
    expect((await fetch(`http://127.0.0.1:${bot.server.port}/healthz`)).status).toBe(200);
  });
});
