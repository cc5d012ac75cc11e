// Fakes and Teams-shaped activities for the bot tests.
import type { Activity } from 'botbuilder';
import { createLogger, type Logger } from '../../src/logger';
import type { BotTelemetry } from '../../src/bot/services';
import type { DeviceRegistry, LookupOptions } from '../../src/registry/port';
import type { DeviceRecord, RegistryLookup } from '../../src/triage/types';
import type { Explainer } from '../../src/explain/types';
import type { FleetOutcome, FleetQueryOptions, FleetSource } from '../../src/fleet/types';

export class FakeFleet implements FleetSource {
  readonly calls: FleetQueryOptions[] = [];
  constructor(private readonly outcome: (q: FleetQueryOptions) => FleetOutcome) {}
  check(opts: FleetQueryOptions): Promise<FleetOutcome> {
    this.calls.push(opts);
    return Promise.resolve(this.outcome(opts));
  }
}

export function emptyFleet(q: FleetQueryOptions): FleetOutcome {
  return {
    ok: true,
    result: { hub: q.hub, since: q.since, query: 'AzureDiagnostics | take 1', devices: [], totals: { churn: 0, credential: 0, fine: 0, other: 0, devices: 0 }, truncated: false, ...(q.deviceId ? { deviceId: q.deviceId } : {}) },
  };
}

export const BOT = { id: '28:bot-app-id', name: 'IoT Hub Triage' };
export const USER = { id: '29:user-1', name: 'Engineer One', aadObjectId: 'aad-user-1' };
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const OTHER_TENANT = '11111111-2222-3333-4444-555555555555';
export const NOW = new Date('2026-03-02T10:00:00Z');

export interface CapturedLogs {
  logger: Logger;
  lines: () => Array<Record<string, unknown>>;
  raw: () => string;
}

export function captureLogs(): CapturedLogs {
  const chunks: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (s: string) => void chunks.push(s) } });
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    raw: () => chunks.join(''),
  };
}

export class FakeRegistry implements DeviceRegistry {
  readonly source = 'snapshot' as const;
  readonly calls: Array<{ ids: string[]; options?: LookupOptions }> = [];
  constructor(
    private readonly records: Record<string, DeviceRecord> = {},
    private readonly behaviour: 'ok' | 'hang' | 'reject' = 'ok',
  ) {}
  describe(): string {
    return 'snapshot test-registry.json';
  }
  lookup(ids: string[], options?: LookupOptions): Promise<RegistryLookup> {
    this.calls.push({ ids, options });
    if (this.behaviour === 'hang') return new Promise(() => undefined);
    if (this.behaviour === 'reject') return Promise.reject(new Error('boom SharedAccessKey=abc'));
    const devices = new Map<string, DeviceRecord | null>();
    for (const id of ids) devices.set(id, this.records[id] ?? null);
    return Promise.resolve({ devices, source: 'snapshot' });
  }
}

export class FakeTelemetry implements BotTelemetry {
  readonly triages: Parameters<BotTelemetry['trackTriage']>[0][] = [];
  readonly feedback: Parameters<BotTelemetry['trackFeedback']>[0][] = [];
  readonly exceptions: Array<{ err: unknown; where: string }> = [];
  trackTriage(e: Parameters<BotTelemetry['trackTriage']>[0]): void {
    this.triages.push(e);
  }
  trackFeedback(e: Parameters<BotTelemetry['trackFeedback']>[0]): void {
    this.feedback.push(e);
  }
  trackException(err: unknown, where: string): void {
    this.exceptions.push({ err, where });
  }
}

export function fakeExplainer(text = 'Plain words about the verdict.'): Explainer & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    explain: async (triage, lang) => {
      calls.push(`explain:${triage.verdict}`);
      return { ok: true, explanation: { verdict: triage.verdict, text, followUpQuestions: [], lang } };
    },
    answer: async (question, triage, lang) => {
      calls.push(`answer:${question}`);
      return { ok: true, explanation: { verdict: triage?.verdict ?? 'inconclusive', text, followUpQuestions: ['What next?'], lang } };
    },
  };
}

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

const CONVERSATIONS: Record<ConversationKind, { id: string; conversationType: string; isGroup?: boolean }> = {
  personal: { id: 'a:1personal-chat', conversationType: 'personal' },
  groupChat: { id: '19:group-chat@thread.v2', conversationType: 'groupChat', isGroup: true },
  channel: { id: '19:incident-channel@thread.tacv2;messageid=1700000000000', conversationType: 'channel', isGroup: true },
};

let seq = 0;

/** A Teams message activity. In group chats and channels the bot is @mentioned (as Teams requires). */
export function teamsMessage(
  text: string,
  opts: { kind?: ConversationKind; locale?: string; tenant?: string | null; html?: string; mention?: boolean; id?: string; serviceUrl?: string } = {},
): Partial<Activity> {
  const kind = opts.kind ?? 'personal';
  const mention = opts.mention ?? kind !== 'personal';
  const tenant = opts.tenant === undefined ? TENANT : opts.tenant;
  const mentionText = `<at>${BOT.name}</at>`;
  const fullText = mention ? `${mentionText} ${text}` : text;
  const activity: Partial<Activity> = {
    type: 'message',
    id: opts.id ?? `msg-${++seq}`,
    channelId: 'msteams',
    serviceUrl: opts.serviceUrl ?? 'https://smba.trafficmanager.net/emea/',
    from: USER,
    recipient: BOT,
    conversation: { ...CONVERSATIONS[kind], ...(tenant ? { tenantId: tenant } : {}) } as Activity['conversation'],
    locale: opts.locale ?? 'en-US',
    text: fullText,
    textFormat: 'plain',
    channelData: tenant ? { tenant: { id: tenant }, ...(kind === 'channel' ? { channel: { id: '19:incident-channel@thread.tacv2' }, team: { id: '19:team' } } : {}) } : {},
    entities: mention ? [{ type: 'mention', text: mentionText, mentioned: { id: BOT.id, name: BOT.name } }] : [],
  };
  if (opts.html !== undefined) activity.attachments = [{ contentType: 'text/html', content: opts.html }];
  return activity;
}

/** An Action.Execute invoke as Teams sends it. */
export function cardAction(verb: string, data: unknown, opts: { locale?: string; tenant?: string; kind?: ConversationKind; serviceUrl?: string } = {}): Partial<Activity> {
  const base = teamsMessage('', { kind: opts.kind, locale: opts.locale, tenant: opts.tenant, mention: false, serviceUrl: opts.serviceUrl });
  return {
    ...base,
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    entities: undefined,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
