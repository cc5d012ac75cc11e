// `npm run dev` for real (the bot from source, anonymous, with the sample registry snapshot, plus the
// Microsoft 365 Agents Playground), driven in Debian's Chromium through playwright-core: a churn log in
// the personal chat, a thumbprint error @mentioning the bot in a channel, and a card action that updates
// its card in place. Screenshots go to test-results/playground/. Only loopback is reached: the page's
// requests to anything else (the Playground's web fonts) are aborted, so nothing here depends on them.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { strings } from '../../src/cards/strings';
import { verdictText } from '../../src/triage/knowledge';

const ROOT = resolve(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/playground');
const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Generous for a 2-core CI machine (ts-node compiles the server on start), but bounded. */
const START_MS = 150_000;
const REPLY_MS = 45_000;
jest.setTimeout(240_000);

// A churn log as an engineer pastes it: four token-renewal episodes of one device (in the sample registry).
const CHURN_LINES = [
  '2026-11-29T09:12:40.554Z pump-0042 deviceDisconnect 401003 IoTHubUnauthorized',
  '2026-11-29T09:12:42.538Z pump-0042 deviceDisconnect 404104 DeviceConnectionClosedRemotely',
  '2026-11-29T09:12:48.292Z pump-0042 deviceConnect Connected',
  '2026-11-29T10:17:27.232Z pump-0042 deviceDisconnect 401003 IoTHubUnauthorized',
  '2026-11-29T10:17:27.666Z pump-0042 deviceDisconnect 404104 DeviceConnectionClosedRemotely',
  '2026-11-29T10:17:57.533Z pump-0042 deviceConnect Connected',
  '2026-11-29T11:21:53.413Z pump-0042 deviceDisconnect 401003 IoTHubUnauthorized',
  '2026-11-29T11:21:56.013Z pump-0042 deviceDisconnect 404104 DeviceConnectionClosedRemotely',
  '2026-11-29T11:22:07.010Z pump-0042 deviceConnect Connected',
  '2026-11-29T12:27:34.485Z pump-0042 deviceDisconnect 401003 IoTHubUnauthorized',
  '2026-11-29T12:27:36.029Z pump-0042 deviceDisconnect 404104 DeviceConnectionClosedRemotely',
  '2026-11-29T12:27:53.156Z pump-0042 deviceConnect Connected',
];
const THUMBPRINT_ERROR =
  '2026-11-29T09:00:00Z deviceConnect device=gateway-eu-01 401003 Thumbprint does not match configuration: Thumbprint: SHA1Hash=9A0B4C7D1E2F3A4B5C6D7E8F9A0B1C2D3E4F5A6B, SHA2Hash=1111111111111111111111111111111111111111111111111111111111111111; Configuration: PrimaryThumbprint=96D972D270F88F182CFB6E55FA65F37BFC46AC86, SecondaryThumbprint=D46AB25A4FDA013FF4E7EA55D6B84C9630C39F0A';

const s = strings('en');
/** "Refreshed at", the start of the line only a refreshed device card has. */
const REFRESHED = s.checkedAt('', true).split(' ').slice(0, 2).join(' ');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

async function refused(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) });
    await res.body?.cancel();
    return false;
  } catch {
    return true;
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

/** Runs a browser step; on failure saves a screenshot next to the others before rethrowing. */
async function step(page: Page, name: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    await page.screenshot({ path: join(SHOTS, `failed-${name}.png`), fullPage: true }).catch(() => undefined);
    throw err;
  }
}

/** The last card on the page whose text contains `text`. */
function card(page: Page, text: string): Locator {
  return page.locator('.ac-adaptiveCard', { hasText: text }).last();
}

describe('npm run dev + the Agents Playground in Chromium', () => {
  let dev: ChildProcess | undefined;
  let output = '';
  let url = '';
  let botPort = 0;
  let playgroundPort = 0;
  let browser: Browser | undefined;
  let page: Page;
  const external = new Set<string>();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    if (!CHROMIUM) throw new Error('Chromium not found (install it with: bash scripts/setup.sh, or set CHROMIUM_PATH).');
    botPort = await freePort();
    const wanted = await freePort();
    // Its own process group, so afterAll can end the whole tree even if a test failed half-way.
    dev = spawn('npm', ['run', '--silent', 'dev'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(botPort), PLAYGROUND_PORT: String(wanted), LOG_LEVEL: 'warn', IOTHUB_REGISTRY_SNAPSHOT: '' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    dev.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    dev.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    const child = dev;
    const ready = await until(() => /Open (http:\/\/127\.0\.0\.1:(\d+)\/)/.test(output) || child.exitCode !== null, START_MS);
    const m = /Open (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(output);
    if (!ready || !m) throw new Error(`npm run dev did not print the address to open. Output:\n${output.slice(-4000)}`);
    url = m[1];
    playgroundPort = Number(m[2]);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
    const context = await browser.newContext({ viewport: { width: 1400, height: 1100 } });
    await context.route('**/*', (route) => {
      const target = route.request().url();
      if (/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(target) || /^(data|blob):/.test(target)) return route.continue();
      external.add(new URL(target).host);
      return route.abort();
    });
    page = await context.newPage();
    page.setDefaultTimeout(REPLY_MS);
  }, START_MS + 90_000);

  afterAll(async () => {
    writeFileSync(join(SHOTS, 'external-hosts-blocked.json'), JSON.stringify([...external].sort(), null, 2));
    await browser?.close().catch(() => undefined);
    const pid = dev?.pid;
    if (pid && groupAlive(pid)) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      if (!(await until(() => !groupAlive(pid), 10_000))) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
  }, 30_000);

  it('npm run dev serves the bot (anonymous, sample registry) and the Playground on loopback', async () => {
    const health = await fetch(`http://127.0.0.1:${botPort}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', auth: 'anonymous', registry: 'snapshot', storage: 'table' });
    const ui = await fetch(url);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/<html/i);
    expect(output).toContain('Press Ctrl+C to stop them all.');
    expect(output).toMatch(/Watch store: Azurite \(tables, in memory\) on 127\.0\.0\.1:\d+/);
  });

  it('personal chat: a pasted churn log gets the benign-churn verdict card', async () => {
    await step(page, 'personal', async () => {
      await page.goto(url);
      await page.getByText('Personal Chat', { exact: true }).first().click();
      const editor = page.locator('[data-lexical-editor=true]').last();
      await editor.click();
      for (const [i, line] of CHURN_LINES.entries()) {
        if (i > 0) await page.keyboard.press('Shift+Enter');
        await page.keyboard.insertText(line);
      }
      await page.keyboard.press('Enter');
      const verdict = card(page, verdictText('token-expiry-churn', 'en').headline);
      await verdict.waitFor({ state: 'visible' });
      const text = await verdict.innerText();
      expect(text).toContain('pump-0042');
      expect(text).toContain(s.lookUpDevice);
      await verdict.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, '1-personal-churn.png'), fullPage: true });
    });
  });

  it('card actions: "Look up device" posts the device card, and its "Refresh" updates that card in place', async () => {
    await step(page, 'refresh', async () => {
      const verdict = card(page, verdictText('token-expiry-churn', 'en').headline);
      await verdict.getByRole('button', { name: s.lookUpDevice }).first().click();
      const device = card(page, `${s.deviceTitle} pump-0042`);
      await device.waitFor({ state: 'visible' });
      expect(await device.innerText()).toContain(s.enabled);
      const cardsBefore = await page.locator('.ac-adaptiveCard').count();
      expect(await page.locator('.ac-adaptiveCard', { hasText: REFRESHED }).count()).toBe(0);

      await device.getByRole('button', { name: s.refresh }).click();
      const refreshed = page.locator('.ac-adaptiveCard', { hasText: REFRESHED });
      await refreshed.first().waitFor({ state: 'visible' });
      // Replaced, not added: the same number of cards, and the refreshed one is the device card.
      expect(await page.locator('.ac-adaptiveCard').count()).toBe(cardsBefore);
      expect(await refreshed.count()).toBe(1);
      expect(await refreshed.first().innerText()).toContain('pump-0042');
      await refreshed.first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, '2-device-refreshed.png'), fullPage: true });
    });
  });

  it('channel: @mentioning the bot with a thumbprint error gets the credential-problem card', async () => {
    await step(page, 'channel', async () => {
      if (!page.url().startsWith(url)) await page.goto(url);
      await page.getByText('General', { exact: true }).first().click();
      // The first editor in a channel is "Start a new post"; the other one replies in a thread.
      await page.locator('[data-lexical-editor=true]').first().click();
      await page.keyboard.type('@Te');
      // The mention suggestion is a menu item (the bot's name also appears on its earlier messages).
      await page.getByRole('menuitem', { name: 'Test Bot' }).click();
      await page.keyboard.insertText(` ${THUMBPRINT_ERROR}`);
      await page.getByRole('button', { name: 'Post', exact: true }).click();
      const verdict = card(page, verdictText('credential-problem', 'en').headline);
      await verdict.waitFor({ state: 'visible' });
      const text = await verdict.innerText();
      expect(text).toContain('gateway-eu-01');
      expect(text).toMatch(/thumbprint/i);
      await verdict.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, '3-channel-thumbprint.png'), fullPage: true });
    });
  });

  it('Ctrl+C stops the bot and the Playground', async () => {
    const pid = dev?.pid as number;
    // What a terminal does on Ctrl+C: SIGINT to the foreground process group.
    process.kill(-pid, 'SIGINT');
    expect(await until(() => !groupAlive(pid), 20_000)).toBe(true);
    expect(await refused(botPort)).toBe(true);
    expect(await refused(playgroundPort)).toBe(true);
  });
});
