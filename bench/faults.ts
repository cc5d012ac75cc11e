// Faults, timed: how long a user waits for the reply when a dependency is slow, throttled, down or
// failing, with the production defaults (registry budget 4 s, explanation budget 7 s, connector backoff
// from 1 s). Each row is one real turn through the server; the registry is azure-iothub over nock, the
// explainer the openai client against a loopback fake, the connector a local scripted one.
import nock from 'nock';
import { Writable } from 'node:stream';
import type { BotServices } from '../src/bot/services';
import { loadConfig } from '../src/config';
import { createExplainer } from '../src/explain';
import { createLogger } from '../src/logger';
import { createIotHubRegistry } from '../src/registry/iothubRegistry';
import { startServer } from '../src/server';
import { teamsMessage } from '../test/bot/fakes';
import { CHURN_LOG } from '../test/bot/samples';
import { startFakeAzureOpenAI, type Reply } from '../test/explain/fakeAzureOpenAI';
import { OK, startScriptedConnector, type ConnectorScript } from '../test/faults/scriptedConnector';

const HUB = 'contoso-hub.azure-devices.net';
const KEY = Buffer.alloc(32, 5).toString('base64');

interface Fault {
  name: string;
  text: string;
  registry?: (scope: nock.Interceptor) => void;
  openai?: () => Reply;
  connector?: ConnectorScript;
}

const QUESTION = 'why do my devices get 401003 every hour?';

const FAULTS: Fault[] = [
  { name: 'none (registry and connector healthy)', text: CHURN_LOG, registry: (i) => void i.reply(200, { deviceId: 'thermostat-042', status: 'enabled' }) },
  { name: 'registry slow (no answer)', text: CHURN_LOG, registry: (i) => void i.delay(20_000).reply(200, { deviceId: 'thermostat-042', status: 'enabled' }) },
  { name: 'registry throttled (429, Retry-After 1)', text: CHURN_LOG, registry: (i) => void i.reply(429, { Message: 'ErrorCode:ThrottlingException;' }, { 'Retry-After': '1' }) },
  { name: 'registry down (connection refused)', text: CHURN_LOG, registry: (i) => void i.replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })) },
  { name: 'Azure OpenAI slow (no answer), question', text: QUESTION, openai: () => ({ hang: true }) },
  { name: 'Azure OpenAI failing (500), question', text: QUESTION, openai: () => ({ status: 500, body: { error: { code: 'InternalServerError', message: 'x' } } }) },
  { name: 'connector 429 without Retry-After, twice', text: CHURN_LOG, connector: (_r, i) => (i < 2 ? { status: 429 } : { status: 200 }) },
  { name: 'connector 429 with Retry-After 1, once', text: CHURN_LOG, connector: (_r, i) => (i < 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }) },
  { name: 'connector 503 once, then recovers', text: CHURN_LOG, connector: (_r, i) => (i < 1 ? { status: 503 } : { status: 200 }) },
];

export async function benchFaults(): Promise<void> {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  let openaiScript: () => Reply = () => ({ status: 500 });
  const openai = await startFakeAzureOpenAI(() => openaiScript());
  const connector = await startScriptedConnector();
  const logger = createLogger({ level: 'info', destination: new Writable({ write: (_c, _e, cb) => cb() }) as unknown as { write(s: string): void } });
  console.log('\nFaults: time until the reply is delivered (production defaults; one turn each)');
  console.log('| fault | reply delivered | reply | time to reply (ms) | connector attempts |');
  console.log('|---|---|---|---:|---:|');
  try {
    for (const [i, fault] of FAULTS.entries()) {
      nock.abortPendingRequests();
      nock.cleanAll();
      if (fault.registry) fault.registry(nock(`https://${HUB}`).get(/\/twins\//).query(true).times(20));
      openaiScript = fault.openai ?? (() => ({ status: 500 }));
      connector.reset();
      connector.setScript(fault.connector ?? OK);
      const services: BotServices = {
        clock: () => new Date(),
        logger,
        registry: fault.registry ? createIotHubRegistry({ connectionString: `HostName=${HUB};SharedAccessKeyName=registryRead;SharedAccessKey=${KEY}`, cacheTtlMs: 0 }) : undefined,
        explainer: fault.openai ? createExplainer({ endpoint: openai.endpoint, deployment: 'triage', credential: { apiKey: 'bench-key' } }) : undefined,
      };
      const config = loadConfig({ BOT_ALLOW_ANONYMOUS: 'true', PORT: '0' });
      const server = await startServer({ ...config, host: '127.0.0.1' }, services);
      try {
        const activity = teamsMessage(fault.text, { kind: 'channel', id: `fault-${i}`, serviceUrl: connector.serviceUrl });
        const started = Date.now();
        const res = await fetch(`http://127.0.0.1:${server.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity), signal: AbortSignal.timeout(40_000) });
        await res.text();
        const delivered = connector.delivered().filter((r) => r.body.type === 'message');
        const at = delivered.length ? delivered[delivered.length - 1].at - started : Date.now() - started;
        const reply = delivered[0]?.body.attachments ? `card: ${String(delivered[0].body.summary ?? '')}` : delivered[0] ? 'text (knowledge base)' : '—';
        console.log(`| ${fault.name} | ${delivered.length === 1 ? 'yes, once' : `${delivered.length} replies`} | ${reply} | ${at} | ${connector.requests.length} |`);
      } finally {
        await server.close();
      }
    }
  } finally {
    nock.cleanAll();
    nock.enableNetConnect();
    await connector.close();
    await openai.close();
  }
}
