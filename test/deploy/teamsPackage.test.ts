// The Teams app package: what `npm run package:teams` writes must install in Teams. Checked offline
// against the schema that @microsoft/app-manifest bundles (no network), plus the icon rules.
import { COMMANDS } from '../../src/bot/commands/registry';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { checkColorIcon, checkOutlineIcon, decodePng } from '../../scripts/iconRules';
import {
  PackageError,
  ZIP_NAME,
  fillTemplate,
  loadEnv,
  packageTeamsApp,
  parseDotEnv,
  resolveVars,
  validateManifest,
} from '../../scripts/package-teams';

const ROOT = join(__dirname, '..', '..');
const APP_PACKAGE = join(ROOT, 'deploy', 'appPackage');
const BOT_ID = '6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b';

interface Manifest {
  manifestVersion: string;
  id: string;
  version: string;
  developer: { websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  icons: { color: string; outline: string };
  bots: Array<{
    botId: string;
    scopes: string[];
    supportsFiles?: boolean;
    commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }>;
  }>;
  composeExtensions: Array<{
    botId: string;
    commands: Array<{ id: string; type: string; context: string[]; fetchTask: boolean; title: string }>;
  }>;
}

describe('npm run package:teams', () => {
  let outDir: string;
  let zip: JSZip;
  let manifest: Manifest;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'teams-pkg-'));
    const result = await packageTeamsApp({
      env: { BOT_ID, APP_VERSION: '1.2.3', APP_BASE_URL: 'https://triage.contoso.example/' },
      appPackageDir: APP_PACKAGE,
      outDir,
      defaultVersion: '0.1.0',
    });
    expect(result.zipPath).toBe(join(outDir, ZIP_NAME));
    zip = await JSZip.loadAsync(readFileSync(result.zipPath));
    manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
  });

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('puts manifest.json and both icons at the root of the zip, nothing else', () => {
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(names.every((n) => !n.includes('/'))).toBe(true);
  });

  it('validates against the bundled Teams schema of a current (1.2x) manifest version', async () => {
    expect(manifest.manifestVersion).toMatch(/^1\.(2\d|3\d)$/);
    expect(validateManifest(manifest as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('fills in the bot id, app id, version and developer links; no placeholder is left', async () => {
    const text = await zip.file('manifest.json')!.async('string');
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.version).toBe('1.2.3');
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.composeExtensions[0].botId).toBe(BOT_ID);
    expect(manifest.developer.websiteUrl).toBe('https://triage.contoso.example');
    expect(manifest.developer.privacyUrl).toBe('https://triage.contoso.example/privacy');
  });

  it('declares the bot in personal, team and groupChat scopes with file support', () => {
    const bot = manifest.bots[0];
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(true);
  });

  it('lists every chat command the bot registers, for every bot scope, within Teams limits', () => {
    const bot = manifest.bots[0];
    expect(bot.commandLists.length).toBeLessThanOrEqual(3);
    const covered = new Set(bot.commandLists.flatMap((l) => l.scopes));
    for (const scope of bot.scopes) expect(covered).toContain(scope);
    for (const list of bot.commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(12);
      expect(list.commands.map((c) => c.title).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
    }
  });

  it('offers the "Triage with IoT Hub Triage" message action', () => {
    const cmd = manifest.composeExtensions[0].commands.find((c) => c.id === 'triageMessage');
    expect(cmd).toEqual(
      expect.objectContaining({ type: 'action', context: ['message'], fetchTask: true, title: 'Triage with IoT Hub Triage' }),
    );
  });

  it('ships icons that follow the Teams rules', async () => {
    const color = await zip.file(manifest.icons.color)!.async('nodebuffer');
    const outline = await zip.file(manifest.icons.outline)!.async('nodebuffer');
    expect(checkColorIcon(color)).toEqual([]);
    expect(checkOutlineIcon(outline)).toEqual([]);
    const png = decodePng(color);
    expect(typeof png).not.toBe('string');
  });
});

describe('manifest schema validation', () => {
  const template = readFileSync(join(APP_PACKAGE, 'manifest.json'), 'utf8');
  const filled = (): Record<string, unknown> =>
    JSON.parse(fillTemplate(template, { TEAMS_APP_ID: BOT_ID, BOT_ID, APP_VERSION: '1.0.0', APP_BASE_URL: 'https://x.example' }));

  it('rejects the old lower-case "groupchat" scope', async () => {
    const m = filled() as unknown as Manifest;
    m.bots[0].scopes = ['personal', 'team', 'groupchat'];
    expect(validateManifest(m as unknown as Record<string, unknown>).join('\n')).toMatch(/scopes/);
  });

  it('rejects a short name over 30 characters', async () => {
    const m = filled();
    (m.name as { short: string }).short = 'x'.repeat(31);
    expect(validateManifest(m).join('\n')).toMatch(/name\/short/);
  });

  it('refuses to package a manifest that breaks the schema, and writes no zip', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teams-pkg-bad-'));
    try {
      for (const f of ['color.png', 'outline.png']) copyFileSync(join(APP_PACKAGE, f), join(dir, f));
      writeFileSync(join(dir, 'manifest.json'), template.replace('"groupChat"]', '"groupchat"]'));
      const outDir = join(dir, 'out');
      await expect(packageTeamsApp({ env: { BOT_ID }, appPackageDir: dir, outDir, defaultVersion: '0.1.0' })).rejects.toThrow(
        /does not match its schema/,
      );
      expect(() => readFileSync(join(outDir, ZIP_NAME))).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses icons that break the Teams rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teams-pkg-icon-'));
    try {
      copyFileSync(join(APP_PACKAGE, 'manifest.json'), join(dir, 'manifest.json'));
      // The color icon where the outline belongs: wrong size, opaque coloured pixels.
      copyFileSync(join(APP_PACKAGE, 'color.png'), join(dir, 'color.png'));
      copyFileSync(join(APP_PACKAGE, 'color.png'), join(dir, 'outline.png'));
      await expect(packageTeamsApp({ env: { BOT_ID }, appPackageDir: dir, outDir: join(dir, 'out'), defaultVersion: '0.1.0' })).rejects.toThrow(
        /outline icon must be 32x32/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('package settings', () => {
  it('refuses without a bot id, with a one-line reason', () => {
    let caught: unknown;
    try {
      resolveVars({}, '0.1.0');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PackageError);
    expect((caught as Error).message).toMatch(/BOT_ID/);
    expect((caught as Error).message).not.toMatch(/\n/);
  });

  it('refuses a bot id that is not a GUID', () => {
    expect(() => resolveVars({ BOT_ID: 'my-bot' }, '0.1.0')).toThrow(/GUID/);
  });

  it('falls back to MicrosoftAppId and to the package version', () => {
    const v = resolveVars({ MicrosoftAppId: BOT_ID.toUpperCase() }, '0.4.2');
    expect(v.BOT_ID).toBe(BOT_ID);
    expect(v.TEAMS_APP_ID).toBe(BOT_ID);
    expect(v.APP_VERSION).toBe('0.4.2');
  });

  it('refuses a non-https developer base URL', () => {
    expect(() => resolveVars({ BOT_ID, APP_BASE_URL: 'http://example.com' }, '0.1.0')).toThrow(/https/);
  });

  it('flags an unknown placeholder instead of leaving it in the manifest', () => {
    expect(() => fillTemplate('{"x":"{{NOPE}}"}', { TEAMS_APP_ID: BOT_ID, BOT_ID, APP_VERSION: '1.0.0', APP_BASE_URL: 'https://x' })).toThrow(
      /NOPE/,
    );
  });

  it('reads .env lines: comments, export, quotes', () => {
    expect(parseDotEnv('# c\nexport BOT_ID="abc"\nAPP_VERSION=1.2.3 # trailing\n\nAPP_BASE_URL=\'https://a/b\'\nnot a line')).toEqual({
      BOT_ID: 'abc',
      APP_VERSION: '1.2.3',
      APP_BASE_URL: 'https://a/b',
    });
  });

  it('lets the environment win over .env', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teams-env-'));
    try {
      writeFileSync(join(dir, '.env'), 'BOT_ID=from-file\nAPP_VERSION=9.9.9\n');
      const env = loadEnv(dir, { BOT_ID: 'from-env', APP_VERSION: '' });
      expect(env.BOT_ID).toBe('from-env');
      expect(env.APP_VERSION).toBe('9.9.9');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
