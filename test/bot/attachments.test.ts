// Files sent to the bot: what may be downloaded (type, host, size, time), how bytes become text. The
// downloads go to a local HTTP server through the explicit test-only loopback option.
import { expectCardSays } from './cardSays';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import {
  allowedDownloadUrl,
  createFileDownloader,
  decodeText,
  FILE_DOWNLOAD_INFO,
  hasFileAttachment,
  isAllowedFileType,
  teamsFiles,
} from '../../src/bot/attachments';
import { TestAdapter, type Activity } from 'botbuilder';
import { TriageBot } from '../../src/bot/teamsBot';
import { fileText } from '../../src/bot/attachments';
import type { BotServices } from '../../src/bot/services';
import { triage } from '../../src/triage';
import { captureLogs, NOW, teamsMessage } from './fakes';
import { CHURN_LOG, THUMBPRINT_LOG } from './samples';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

interface FileServer {
  base: string;
  requests: string[];
  close(): Promise<void>;
}

/** A loopback server standing in for SharePoint's download URLs. */
async function startFileServer(routes: Record<string, Route>): Promise<FileServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const route = routes[(req.url ?? '').split('?')[0]];
    if (!route) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    route(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const MB = 1024 * 1024;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());

describe('which files are read', () => {
  it('takes download infos from the attachments, with the type from Teams or else the name', () => {
    const files = teamsFiles([
      { contentType: 'text/html', content: '<p>here</p>' },
      { contentType: FILE_DOWNLOAD_INFO, name: 'export.CSV', content: { downloadUrl: 'https://contoso-my.sharepoint.com/a', uniqueId: 'u1', fileType: 'csv' } },
      { contentType: FILE_DOWNLOAD_INFO, name: 'notes.Log', content: { downloadUrl: 'https://contoso-my.sharepoint.com/b' } },
      { contentType: FILE_DOWNLOAD_INFO, name: 'broken', content: { uniqueId: 'no-url' } },
      { contentType: FILE_DOWNLOAD_INFO, name: 'nothing' },
      null,
    ]);
    expect(files).toEqual([
      { name: 'export.CSV', fileType: 'csv', downloadUrl: 'https://contoso-my.sharepoint.com/a', uniqueId: 'u1' },
      { name: 'notes.Log', fileType: 'log', downloadUrl: 'https://contoso-my.sharepoint.com/b' },
    ]);
    expect(teamsFiles(undefined)).toEqual([]);
  });

  it('knows a file attachment from the html copy of a message or an inline image', () => {
    expect(hasFileAttachment([{ contentType: FILE_DOWNLOAD_INFO }])).toBe(true);
    expect(hasFileAttachment([{ contentType: 'reference', contentUrl: 'https://contoso.sharepoint.com/x.csv', name: 'x.csv' }])).toBe(true);
    expect(hasFileAttachment([{ contentType: 'text/html', content: '<p>x</p>' }, { contentType: 'image/png', contentUrl: 'https://x' }])).toBe(false);
    expect(hasFileAttachment(null)).toBe(false);
  });

  it('allows text exports only', () => {
    for (const t of ['csv', 'tsv', 'json', 'jsonl', 'txt', 'log', 'CSV']) expect(isAllowedFileType(t)).toBe(true);
    for (const t of ['xlsx', 'zip', 'exe', 'png', 'pdf', '']) expect(isAllowedFileType(t)).toBe(false);
  });
});

describe('where files may come from (SSRF)', () => {
  it('accepts https on Microsoft file hosts only', () => {
    for (const ok of [
      'https://contoso-my.sharepoint.com/personal/a/_layouts/15/download.aspx?UniqueId=1&tempauth=x',
      'https://contoso.sharepoint.com/sites/ops/x.csv',
      'https://msit.sharepoint-df.com/x',
      'https://contoso.sharepoint.us/x',
      'https://x.microsoft.com/y',
      'https://files.office.com/z',
      'https://contoso.sharepoint.com:443/x',
    ]) {
      expect(allowedDownloadUrl(ok)?.toString()).toBe(new URL(ok).toString());
    }
    for (const bad of [
      'http://contoso.sharepoint.com/x', // not https
      'https://sharepoint.com.evil.example/x', // suffix not on a label boundary
      'https://evilsharepoint.com/x',
      'https://contoso.sharepoint.com:8443/x', // other port
      'https://user:pw@contoso.sharepoint.com/x', // credentials in the URL
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/x',
      'http://127.0.0.1:8080/x', // loopback without the test-only option
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(allowedDownloadUrl(bad)).toBeUndefined();
    }
  });

  it('the test-only option adds loopback and nothing else', () => {
    const opt = { allowLoopbackForTests: true };
    expect(allowedDownloadUrl('http://127.0.0.1:5000/f.csv', opt)).toBeDefined();
    expect(allowedDownloadUrl('http://localhost:5000/f.csv', opt)).toBeDefined();
    expect(allowedDownloadUrl('http://10.0.0.5/f.csv', opt)).toBeUndefined();
    expect(allowedDownloadUrl('http://contoso.sharepoint.com/f.csv', opt)).toBeUndefined();
  });
});

describe('decoding', () => {
  it('reads UTF-8 with or without BOM and UTF-16 (PowerShell, Excel)', () => {
    const text = 'TimeGenerated,ResultType\n2026-03-02T07:00:03Z,401003 — ünïcode\n';
    const utf8 = new TextEncoder().encode(text);
    expect(decodeText(utf8)).toEqual({ ok: true, text });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ ok: true, text });
    const le = Buffer.from(text, 'utf16le');
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...le]))).toEqual({ ok: true, text });
    expect(decodeText(new Uint8Array(le))).toEqual({ ok: true, text });
    const be = Buffer.from(le).swap16();
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...be]))).toEqual({ ok: true, text });
  });

  it('refuses binary content, whatever the name said', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, ...new Array(200).fill(0).map((_, i) => (i * 37) % 256)]);
    expect(decodeText(zip)).toEqual({ ok: false, reason: 'binary' });
    expect(decodeText(new Uint8Array(0))).toEqual({ ok: true, text: '' });
  });
});

describe('downloading (loopback server)', () => {
  let files: FileServer;
  const small = Buffer.from(CHURN_LOG, 'utf8');

  beforeAll(async () => {
    files = await startFileServer({
      '/small.log': (_req, res) => {
        res.setHeader('content-type', 'application/octet-stream');
        res.end(small);
      },
      // Oversize with no Content-Length at all (chunked): only the streaming cap can stop it.
      '/chunked-huge.csv': (_req, res) => {
        let sent = 0;
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const pump = () => {
          while (sent < 50 * MB) {
            sent += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        res.on('close', () => {
          sent = Number.POSITIVE_INFINITY;
        });
        pump();
      },
      // No Content-Length and no chunking: the body ends when the connection closes.
      '/close-delimited.csv': (_req, res) => {
        res.useChunkedEncodingByDefault = false;
        res.shouldKeepAlive = false;
        res.writeHead(200, { 'content-type': 'text/csv', connection: 'close' });
        res.end(Buffer.alloc(2 * MB, 'b'));
      },
      '/declared-huge.csv': (_req, res) => {
        res.writeHead(200, { 'content-length': String(6 * MB) });
        res.end();
      },
      '/gone.csv': (_req, res) => {
        res.statusCode = 410;
        res.end('gone');
      },
      '/slow.csv': () => {
        /* never answers */
      },
      '/redirect-ok': (_req, res) => {
        res.writeHead(302, { location: '/small.log' });
        res.end();
      },
      '/redirect-out': (_req, res) => {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' });
        res.end();
      },
      '/redirect-loop': (_req, res) => {
        res.writeHead(302, { location: '/redirect-loop' });
        res.end();
      },
    });
  });
  afterAll(async () => files?.close());

  const downloader = (o: Parameters<typeof createFileDownloader>[0] = {}) => createFileDownloader({ allowLoopbackForTests: true, ...o });

  it('downloads a small file into memory', async () => {
    const out = await downloader().download(`${files.base}/small.log?tempauth=abc`);
    expect(out.ok).toBe(true);
    if (out.ok) expect(Buffer.from(out.bytes).toString('utf8')).toBe(CHURN_LOG);
  });

  it('stops a file past the cap while streaming when no Content-Length says so, and refuses a declared oversize at once', async () => {
    const d = downloader({ maxBytes: 1 * MB });
    expect(await d.download(`${files.base}/chunked-huge.csv`)).toMatchObject({ ok: false, reason: 'too-large' });
    expect(await d.download(`${files.base}/close-delimited.csv`)).toMatchObject({ ok: false, reason: 'too-large' });
    expect(await downloader().download(`${files.base}/declared-huge.csv`)).toMatchObject({ ok: false, reason: 'too-large' });
    // The default cap is 5 MB.
    expect(downloader().maxBytes).toBe(5 * MB);
  });

  it('reports HTTP errors and time-outs', async () => {
    expect(await downloader().download(`${files.base}/gone.csv`)).toMatchObject({ ok: false, reason: 'http-error', status: 410 });
    expect(await downloader({ timeoutMs: 300 }).download(`${files.base}/slow.csv`)).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('follows redirects only to allowed places, and not for ever', async () => {
    expect((await downloader().download(`${files.base}/redirect-ok`)).ok).toBe(true);
    expect(await downloader().download(`${files.base}/redirect-out`)).toMatchObject({ ok: false, reason: 'url-not-allowed' });
    expect(await downloader().download(`${files.base}/redirect-loop`)).toMatchObject({ ok: false, reason: 'url-not-allowed' });
  });

  it('without the test-only option, the loopback server is never contacted', async () => {
    const before = files.requests.length;
    expect(await createFileDownloader().download(`${files.base}/small.log`)).toMatchObject({ ok: false, reason: 'url-not-allowed' });
    expect(files.requests.length).toBe(before);
  });
});

describe('a file sent to the bot', () => {
  let files: FileServer;
  const TEMPAUTH = 'tempauth-SECRET-eyJ0eXAiOiJKV1Qi';

  beforeAll(async () => {
    files = await startFileServer({
      '/churn.log': (_req, res) => res.end(Buffer.from(CHURN_LOG, 'utf8')),
      '/export.csv': (_req, res) => res.end(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`Message\n${THUMBPRINT_LOG}\n`, 'utf16le')])),
      '/big.csv': (_req, res) => res.end(Buffer.alloc(2 * MB, 'x')),
      '/binary.txt': (_req, res) => res.end(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 9, 0, 0, 0])),
      '/empty.log': (_req, res) => res.end(''),
    });
  });
  afterAll(async () => files?.close());

  function harness() {
    const logs = captureLogs();
    const services: BotServices = { clock: () => NOW, logger: logs.logger, files: createFileDownloader({ allowLoopbackForTests: true, maxBytes: 1 * MB }) };
    const bot = new TriageBot(services, { allowedTenantIds: [] });
    const adapter = new TestAdapter(async (context) => bot.run(context));
    const send = async (activity: Partial<Activity>) => {
      await adapter.processActivity(activity);
      return adapter.activeQueue.splice(0);
    };
    return { send, logs };
  }

  /** The message Teams sends when a file is uploaded in the 1:1 chat with the bot. */
  function withFile(name: string, path: string, opts: { text?: string; kind?: 'personal' | 'channel' | 'groupChat'; fileType?: string } = {}): Partial<Activity> {
    const activity = teamsMessage(opts.text ?? '', { kind: opts.kind ?? 'personal' });
    activity.attachments = [
      {
        contentType: FILE_DOWNLOAD_INFO,
        contentUrl: `https://contoso-my.sharepoint.com/personal/engineer/Documents/Microsoft Teams Chat Files/${name}`,
        name,
        content: { downloadUrl: `${files.base}${path}?UniqueId=1&tempauth=${TEMPAUTH}`, uniqueId: 'a1b2', fileType: opts.fileType ?? name.split('.').pop() },
      },
    ];
    return activity;
  }

  const texts = (replies: Partial<Activity>[]) => replies.filter((r) => r.type === 'message' && typeof r.text === 'string').map((r) => r.text);
  const cards = (replies: Partial<Activity>[]) => replies.filter((r) => r.attachments?.length).map((r) => r.attachments?.[0].content);

  it('personal chat: an uploaded log is downloaded and triaged like a paste', async () => {
    const h = harness();
    const replies = await h.send(withFile('churn.log', '/churn.log'));
    expect(replies.map((r) => r.type)).toEqual(['message']);
    expect(cards(replies)).toHaveLength(1);
    expectCardSays(cards(replies)[0], { verdict: 'token-expiry-churn', devices: ['thermostat-042'] });
  });

  it('reads a UTF-16 CSV export, and puts text typed with the file first', async () => {
    const h = harness();
    const replies = await h.send(withFile('export.csv', '/export.csv', { text: 'seen on camera-7 since this morning' }));
    const [card] = cards(replies);
    const expected = triage(`seen on camera-7 since this morning\nMessage\n${THUMBPRINT_LOG}\n`, { now: NOW });
    expect(expected.verdict).toBe('credential-problem');
    expectCardSays(card, { verdict: 'credential-problem', devices: ['camera-7'], fixesFor: ['thumbprint-mismatch'] });
  });

  it('refuses the wrong type without downloading, and says which types work', async () => {
    const h = harness();
    const before = files.requests.length;
    const replies = await h.send(withFile('report.xlsx', '/churn.log'));
    expect(texts(replies)).toEqual([fileText.wrongType('report.xlsx', 'en')]);
    expect(texts(replies)[0]).toContain('.csv');
    expect(files.requests.length).toBe(before);
  });

  it('too big, not text, empty or not downloadable: a clear answer each', async () => {
    const h = harness();
    expect(texts(await h.send(withFile('big.csv', '/big.csv')))).toEqual([fileText.tooLarge('big.csv', 1 * MB, 'en')]);
    expect(texts(await h.send(withFile('binary.txt', '/binary.txt')))).toEqual([fileText.notText('binary.txt', 'en')]);
    expect(texts(await h.send(withFile('empty.log', '/empty.log')))).toEqual([fileText.empty('empty.log', 'en')]);
    expect(texts(await h.send(withFile('missing.csv', '/missing.csv')))).toEqual([fileText.downloadFailed('missing.csv', 'en')]);
    expect(fileText.tooLarge('big.csv', 1 * MB, 'en')).toContain('1 MB');
  });

  it('the download URL (a temporary credential) never reaches a reply or a log line', async () => {
    const h = harness();
    const replies = [...(await h.send(withFile('churn.log', '/churn.log'))), ...(await h.send(withFile('missing.csv', '/missing.csv')))];
    expect(JSON.stringify(replies)).not.toContain(TEMPAUTH);
    expect(h.logs.raw()).not.toContain(TEMPAUTH);
    expect(h.logs.raw()).not.toContain(files.base);
    expect(h.logs.lines().filter((l) => l.event === 'file')).toHaveLength(2);
  });

  it('group chats and channels: says files do not reach bots there, and still triages any text', async () => {
    const h = harness();
    const before = files.requests.length;
    const fileOnly = await h.send(withFile('churn.log', '/churn.log', { kind: 'channel' }));
    expect(texts(fileOnly)).toEqual([fileText.notHere('en')]);
    const withText = await h.send(withFile('churn.log', '/churn.log', { kind: 'groupChat', text: THUMBPRINT_LOG }));
    expect(texts(withText)).toEqual([fileText.notHere('en')]);
    expect(cards(withText)).toHaveLength(1);
    expect(files.requests.length).toBe(before);
  });

  it('answers in Dutch for a Dutch client', async () => {
    const h = harness();
    const activity = withFile('rapport.xlsx', '/churn.log');
    activity.locale = 'nl-NL';
    expect(texts(await h.send(activity))).toEqual([fileText.wrongType('rapport.xlsx', 'nl')]);
  });
});
