// `npm run package:teams`: fills the bot id (and version, developer URLs) into deploy/appPackage/manifest.json,
// validates it offline against the schema bundled in @microsoft/app-manifest, checks the icons, and writes
// deploy/build/iothub-triage.zip with manifest.json, color.png and outline.png at the root (Teams requires that).
//
// Reads from the environment, then from .env in the working directory (the environment wins):
//   BOT_ID or MicrosoftAppId  the bot's Microsoft App ID (with UserAssignedMSI: the identity's client id). Required.
//   TEAMS_APP_ID              the Teams app id (a GUID); defaults to the bot id.
//   APP_VERSION               x.y.z; defaults to package.json's version. Bump it for every re-upload.
//   APP_BASE_URL              https base for the developer website/privacy/terms links.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import JSZip from 'jszip';
import { checkColorIcon, checkOutlineIcon } from './iconRules';

export const ZIP_NAME = 'iothub-triage.zip';
export const DEFAULT_BASE_URL = 'https://example.com/iothub-triage';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** A refusal with a one-line, user-facing reason. */
export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

export type EnvMap = Readonly<Record<string, string | undefined>>;

/** Minimal .env reader: KEY=VALUE lines, `export ` prefix, # comments, single or double quotes. */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2];
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2];
    else value = value.replace(/\s+#.*$/, '').trim();
    out[m[1]] = value;
  }
  return out;
}

export interface PackageVars {
  TEAMS_APP_ID: string;
  BOT_ID: string;
  APP_VERSION: string;
  APP_BASE_URL: string;
}

function pick(env: EnvMap, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = env[k]?.trim();
    if (v) return v;
  }
  return undefined;
}

/** Resolve and check the placeholder values. Throws PackageError with a one-line reason. */
export function resolveVars(env: EnvMap, defaultVersion: string): PackageVars {
  const botId = pick(env, 'BOT_ID', 'MicrosoftAppId');
  if (!botId) {
    throw new PackageError(
      'BOT_ID (or MicrosoftAppId) is not set: set it to the bot\'s Microsoft App ID (a GUID; the managed identity\'s client id, see deploy/README.md).',
    );
  }
  if (!GUID.test(botId)) throw new PackageError(`BOT_ID must be a GUID (the bot's Microsoft App ID), got "${botId}".`);
  const appId = pick(env, 'TEAMS_APP_ID') ?? botId;
  if (!GUID.test(appId)) throw new PackageError(`TEAMS_APP_ID must be a GUID, got "${appId}".`);
  const version = pick(env, 'APP_VERSION') ?? defaultVersion;
  if (!SEMVER.test(version)) throw new PackageError(`APP_VERSION must be x.y.z (e.g. 1.0.3), got "${version}".`);
  const base = (pick(env, 'APP_BASE_URL') ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  let ok = false;
  try {
    ok = new URL(base).protocol === 'https:';
  } catch {
    ok = false;
  }
  if (!ok) throw new PackageError(`APP_BASE_URL must be an https URL, got "${base}".`);
  return { TEAMS_APP_ID: appId.toLowerCase(), BOT_ID: botId.toLowerCase(), APP_VERSION: version, APP_BASE_URL: base };
}

/** Replace every {{NAME}} in the template; an unknown placeholder is an error, not a silent leftover. */
export function fillTemplate(template: string, vars: PackageVars): string {
  const filled = template.replace(/\{\{\s*([A-Z_]+)\s*\}\}/g, (whole, name: string) => {
    if (!(name in vars)) throw new PackageError(`manifest.json has an unknown placeholder ${whole}.`);
    return vars[name as keyof PackageVars];
  });
  return filled;
}

/** Path of the schema @microsoft/app-manifest ships for a manifest version, so validation never goes online. */
export function bundledSchemaPath(manifestVersion: string): string {
  const pkgDir = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return join(pkgDir, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

interface SchemaValidator {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; message?: string; params?: unknown }> | null;
}
interface AjvLike {
  compile(schema: unknown): SchemaValidator;
}

/**
 * Compile a schema the way @microsoft/app-manifest's AppManifestUtils.validateAgainstSchema does (ajv-draft-04,
 * allErrors, ajv-formats uri/email/regex), with the validator it ships. We do not call that function itself:
 * the package pulls in the ESM-only strip-bom at load time, which jest's module loader cannot require.
 */
function compileDraft04(schema: unknown): SchemaValidator {
  const fromPkg = createRequire(require.resolve('@microsoft/app-manifest/package.json'));
  const AjvDraft04 = fromPkg('ajv-draft-04') as { default: new (opts: object) => AjvLike };
  const addFormats = fromPkg('ajv-formats') as { default: (ajv: AjvLike, formats: string[]) => void };
  const ajv = new AjvDraft04.default({ allErrors: true, strictTypes: false });
  addFormats.default(ajv, ['uri', 'email', 'regex']);
  return ajv.compile(schema);
}

/** Schema errors (empty when valid), against the schema bundled for the manifest's version; never goes online. */
export function validateManifest(manifest: Record<string, unknown>): string[] {
  const version = String(manifest.manifestVersion ?? '');
  const schemaFile = bundledSchemaPath(version);
  if (!existsSync(schemaFile)) return [`no bundled schema for manifestVersion "${version}"`];
  // Same clean-up as the library: some schemas carry \a and \v escapes that JSON.parse rejects.
  const raw = readFileSync(schemaFile, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const validate = compileDraft04(JSON.parse(raw));
  if (validate(JSON.parse(JSON.stringify(manifest)))) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${e.params ? JSON.stringify(e.params) : ''}`.trim());
}

export interface PackageOptions {
  env: EnvMap;
  /** Folder holding manifest.json, color.png, outline.png. */
  appPackageDir: string;
  outDir: string;
  defaultVersion: string;
}

export interface PackageResult {
  zipPath: string;
  manifest: Record<string, unknown>;
}

export async function packageTeamsApp(opts: PackageOptions): Promise<PackageResult> {
  const vars = resolveVars(opts.env, opts.defaultVersion);
  const template = readFileSync(join(opts.appPackageDir, 'manifest.json'), 'utf8');
  const manifest = JSON.parse(fillTemplate(template, vars)) as Record<string, unknown>;

  const errors = validateManifest(manifest);
  if (errors.length > 0) throw new PackageError(`manifest.json does not match its schema: ${errors.join('; ')}`);

  const icons = manifest.icons as { color: string; outline: string };
  const color = readFileSync(join(opts.appPackageDir, icons.color));
  const outline = readFileSync(join(opts.appPackageDir, icons.outline));
  const iconProblems = [...checkColorIcon(color), ...checkOutlineIcon(outline)];
  if (iconProblems.length > 0) throw new PackageError(`icons: ${iconProblems.join('; ')}`);

  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  zip.file(icons.color, color);
  zip.file(icons.outline, outline);
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  mkdirSync(opts.outDir, { recursive: true });
  const zipPath = join(opts.outDir, ZIP_NAME);
  writeFileSync(zipPath, bytes);
  return { zipPath, manifest };
}

/** process.env over .env (when present), the usual precedence. */
export function loadEnv(cwd: string, env: EnvMap): EnvMap {
  const file = join(cwd, '.env');
  const fromFile = existsSync(file) ? parseDotEnv(readFileSync(file, 'utf8')) : {};
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') merged[k] = v;
  return merged;
}

async function main(argv: string[]): Promise<number> {
  const root = resolve(__dirname, '..');
  const outFlag = argv.indexOf('--out');
  const outDir = outFlag >= 0 && argv[outFlag + 1] ? resolve(argv[outFlag + 1]) : join(root, 'deploy', 'build');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  try {
    const env = loadEnv(process.cwd(), process.env);
    const { zipPath, manifest } = await packageTeamsApp({ env, appPackageDir: join(root, 'deploy', 'appPackage'), outDir, defaultVersion: pkg.version });
    console.log(`wrote ${zipPath} (app ${String(manifest.id)}, version ${String(manifest.version)})`);
    if (!env.APP_BASE_URL) console.log(`note: developer links point at ${DEFAULT_BASE_URL}; set APP_BASE_URL before publishing to your org.`);
    return 0;
  } catch (err) {
    const msg = err instanceof PackageError ? err.message : `unexpected error: ${err instanceof Error ? err.message : String(err)}`;
    console.error(`package:teams: ${msg.replace(/\s*\n\s*/g, ' ')}`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
