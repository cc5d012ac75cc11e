// The command registry: each command's file owns its trigger, its help line (en, nl) and its handler;
// intent parsing, the dispatcher and the help card read the one list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { helpReply } from '../../src/bot/commands/helpCommand';
import { helpLines, type BotCommand } from '../../src/bot/commands/command';
import { COMMANDS } from '../../src/bot/commands/registry';
import { isSlow, replyTo } from '../../src/bot/handleMessage';
import { parseIntent } from '../../src/bot/intent';
import { handlerContext } from '../../src/bot/reply';
import { visibleText } from '../cards/cardCheck';
import { captureLogs, NOW } from './fakes';

const services = { clock: () => NOW, logger: captureLogs().logger };

describe('command registry', () => {
  it('names are unique and every command has an English and a Dutch help line', () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
    for (const c of COMMANDS) {
      expect(c.help.en.command.trim()).not.toBe('');
      expect(c.help.nl.text.trim()).not.toBe('');
      expect(c.help.nl.text).not.toBe(c.help.en.text);
    }
  });

  it('the help card lists every registered command in English and in Dutch (the hub command when a workspace is configured)', async () => {
    for (const lang of ['en', 'nl'] as const) {
      const ctx = handlerContext(lang, services, { allowedTenantIds: [] });
      const everything = { ...ctx, card: { ...ctx.card, hubCheckAvailable: true } };
      const reply = await replyTo(parseIntent('help'), everything);
      expect(reply.type).toBe('card');
      const text = visibleText(reply.type === 'card' ? reply.card : undefined);
      for (const c of COMMANDS) {
        expect(text).toContain(c.help[lang].command);
        expect(text).toContain(c.help[lang].text);
      }
      // Without a Log Analytics workspace the hub command is not offered.
      const plain = visibleText((helpReply(ctx, COMMANDS) as { card: unknown }).card);
      expect(plain).not.toContain(COMMANDS.find((c) => c.name === 'hub')?.help[lang].text);
    }
  });

  it("each command's examples trigger it, and no other command's parser claims them", () => {
    for (const c of COMMANDS) {
      expect(c.examples.length).toBeGreaterThan(0);
      for (const example of c.examples) {
        expect(parseIntent(example).kind).toBe(c.name);
        const one = example.trim().replace(/\s+/g, ' ');
        const claimedBy = COMMANDS.filter((other) => other.parse(one) !== undefined).map((o) => o.name);
        expect(claimedBy).toEqual([c.name]);
      }
    }
  });

  it('a trigger comes only from its command file: intent parsing and dispatch know no command word', () => {
    const src = (f: string) => readFileSync(join(__dirname, '../../src/bot', f), 'utf8').replace(/\/\/.*$/gm, '');
    for (const file of ['intent.ts', 'handleMessage.ts']) {
      const code = src(file);
      for (const c of COMMANDS) expect(code).not.toMatch(new RegExp(`['"/]${c.name}\\b`, 'i'));
      for (const word of ['lookup', 'opzoeken', 'kql', 'voorbeelden', 'hulp']) expect(code.toLowerCase()).not.toContain(word);
    }
  });

  it('a new command is one object: registered, it parses, dispatches, shows in help and decides whether it is slow', async () => {
    const ping: BotCommand = {
      name: 'ping',
      parse: (line) => (/^ping$/i.test(line) ? {} : undefined),
      slow: () => true,
      help: { en: { command: 'ping', text: 'answers pong' }, nl: { command: 'ping', text: 'antwoordt pong' } },
      examples: ['ping'],
      run: () => ({ type: 'text', text: 'pong' }),
    };
    const withPing = [...COMMANDS, ping];
    const intent = parseIntent('PING', withPing);
    expect(intent).toEqual({ kind: 'ping' });
    expect(parseIntent('PING').kind).toBe('paste');
    const ctx = handlerContext('nl', services, { allowedTenantIds: [] });
    expect(await replyTo(intent, ctx, withPing)).toEqual({ type: 'text', text: 'pong' });
    expect(isSlow(intent, withPing)).toBe(true);
    expect(helpLines(withPing, ctx.card)).toContainEqual({ command: 'ping', text: 'antwoordt pong' });
  });

  it('slow: a paste, a question, a lookup with a device and a hub check; help and a bare lookup are not', () => {
    expect(isSlow(parseIntent('lookup pump-1'))).toBe(true);
    expect(isSlow(parseIntent('lookup'))).toBe(false);
    expect(isSlow(parseIntent('hub contoso-hub'))).toBe(true);
    expect(isSlow(parseIntent('help'))).toBe(false);
    expect(isSlow(parseIntent('kql pump-1'))).toBe(false);
    expect(isSlow(parseIntent('2026-03-02T07:00:03Z 401003 IoTHubUnauthorized'))).toBe(true);
  });
});

test('a question about the wrong hub or DPS is answered from the device-in-other-hub entry, in en and nl', async () => {
  const { knowledgeAnswer } = await import('../../src/bot/commands/questionCommand');
  const { knowledge } = await import('../../src/triage/knowledge');
  expect(knowledgeAnswer('does the device connect to the wrong hub?', 'en')).toContain(knowledge('device-in-other-hub', 'en').title);
  expect(knowledgeAnswer('verbindt het device met de verkeerde hub?', 'nl')).toContain(knowledge('device-in-other-hub', 'nl').title);
});
