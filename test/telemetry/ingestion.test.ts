// End to end against a fake Application Insights ingestion endpoint on loopback (HTTPS: the exporter
// refuses plain http). The app runs in a child process with APPLICATIONINSIGHTS_CONNECTION_STRING pointing
// here; we check what actually arrives: requests (one failed), the triage and feedback events, a scrubbed
// exception, and that no pasted text or secret is anywhere in the bytes. Both ways of getting requests are
// covered: the distro's automatic collection, and the isolated client with trackRequest (what the server uses).
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:https';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SECRET_KEY, USER_TEXT } from './fixtures/leaks';
import { selfSignedCert } from './selfSignedCert';

interface Envelope {
  name: string;
  data: { baseType: string; baseData: Record<string, unknown> & { properties?: Record<string, string>; measurements?: Record<string, number> } };
}

const FIXTURE = join(__dirname, 'fixtures', 'emitTelemetry.ts');
const ROOT = join(__dirname, '..', '..');

let server: Server;
let port: number;
const bodies: string[] = [];

beforeAll(async () => {
  server = createServer(selfSignedCert(), (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      if (req.url?.startsWith('/v2.1/track')) bodies.push(body.toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function runChild(mode: 'auto' | 'manual'): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(env)) if (/^APPLICATION_?INSIGHTS|^OTEL_/.test(k)) delete env[k];
  Object.assign(env, {
    APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://127.0.0.1:${port}/;LiveEndpoint=https://127.0.0.1:${port}/`,
    // The loopback certificate is self-signed; this applies to the child only.
    NODE_TLS_REJECT_UNAUTHORIZED: '0',
    // Keep the SDK on loopback: no statsbeat, no cloud metadata probes; and no trace sampling in a 2-request test.
    APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true',
    OTEL_NODE_RESOURCE_DETECTORS: 'env,host,os',
    // Look like App Service (where the bot runs): the distro then skips its Azure VM metadata (IMDS) probe.
    WEBSITE_SITE_NAME: 'iothub-triage-test',
    OTEL_TRACES_SAMPLER: 'always_on',
    FIXTURE_TELEMETRY_MODE: mode,
    TS_NODE_TRANSPILE_ONLY: 'true',
    NODE_NO_WARNINGS: '1',
  });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', FIXTURE], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.each(['auto', 'manual'] as const)('telemetry with APPLICATIONINSIGHTS_CONNECTION_STRING set (loopback ingestion, %s requests)', (mode) => {
  let envelopes: Envelope[] = [];
  let raw = '';

  beforeAll(async () => {
    bodies.length = 0;
    const result = await runChild(mode);
    expect({ code: result.code, stdout: result.stdout.trim() }).toEqual({ code: 0, stdout: 'flushed' });
    raw = bodies.join('\n');
    envelopes = bodies.flatMap((b) => JSON.parse(b) as Envelope[]);
  }, 30_000);

  const ofType = (baseType: string): Envelope[] => envelopes.filter((e) => e.data.baseType === baseType);

  it('sends one custom event per triage with verdict, kinds, counts and timing', () => {
    const events = ofType('EventData').filter((e) => e.data.baseData.name === 'IotHubTriage');
    expect(events).toHaveLength(1);
    expect(events[0].data.baseData.properties).toEqual(
      expect.objectContaining({ verdict: 'credential-problem', source: 'message', kinds: 'other,sas-signature-invalid,secret-exposed' }),
    );
    expect(events[0].data.baseData.measurements).toEqual({ devices: 2, findings: 3, kinds: 3, ms: 12.3 });
  });

  it('sends feedback as its own event', () => {
    const events = ofType('EventData').filter((e) => e.data.baseData.name === 'IotHubTriageFeedback');
    expect(events).toHaveLength(1);
    expect(events[0].data.baseData.properties).toEqual(expect.objectContaining({ helpful: 'true', verdict: 'credential-problem' }));
  });

  it('reports incoming requests, the failing one as a failure', () => {
    const requests = ofType('RequestData').map((e) => e.data.baseData as { name: string; url: string; responseCode: string; success: boolean });
    const failed = requests.filter((r) => r.responseCode === '500');
    const ok = requests.filter((r) => r.responseCode === '200');
    expect(failed).toEqual([expect.objectContaining({ success: false, url: expect.stringMatching(/\/api\/messages$/) })]);
    expect(ok).toEqual([expect.objectContaining({ success: true, url: expect.stringMatching(/\/healthz$/) })]);
  });

  it('reports the exception by name, code and place only', () => {
    const exceptions = ofType('ExceptionData');
    expect(exceptions).toHaveLength(1);
    const data = exceptions[0].data.baseData as { exceptions: Array<{ typeName: string; message: string }>; properties: Record<string, string> };
    expect(data.exceptions[0]).toEqual(expect.objectContaining({ typeName: 'Error', message: 'Error (EPARSE) in bot.onTurnError' }));
    expect(data.properties).toEqual(expect.objectContaining({ where: 'bot.onTurnError', code: 'EPARSE' }));
  });

  it('never sends the pasted text or a secret, anywhere in what it sends', () => {
    expect(raw.length).toBeGreaterThan(0);
    expect(raw).not.toContain('paste-marker-7Q3Z');
    expect(raw).not.toContain(USER_TEXT);
    expect(raw).not.toContain(SECRET_KEY);
    expect(raw).not.toMatch(/SharedAccessKey/i);
  });
});
