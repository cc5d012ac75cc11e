// The app settings named in deploy/main.bicep, the keys in .env.example and ENV_KEYS in src/config.ts must
// agree: a setting the app never reads is dead configuration, and one the Bicep sets under a wrong name
// silently leaves the feature off in Azure.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ENV_KEYS } from '../../src/config';
import { ROOT, bicepAppSettings, envExampleKeys, objectKeys, readRepoFile, settingsVars, stripComments, varBlock } from './bicepText';

/** Settings read by the platform or an SDK, not by src/config.ts. Add here only with the reason. */
const PLATFORM_SETTINGS: Record<string, string> = {
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'App Service: skip the Oryx build, the zip is already built',
  WEBSITE_NODE_DEFAULT_VERSION: 'App Service on Windows: Node version (Linux uses linuxFxVersion)',
  WEBSITE_RUN_FROM_PACKAGE: 'App Service: run from the deployed zip',
  AZURE_CLIENT_ID: '@azure/identity DefaultAzureCredential: which user-assigned identity to use',
};

/** Values that must never be stored as plain app settings: everything authenticates as the managed identity. */
const SECRET_SETTINGS = ['MicrosoftAppPassword', 'IOTHUB_CONNECTION_STRING', 'AZURE_OPENAI_API_KEY', 'WATCH_STORAGE_CONNECTION_STRING'];

const bicep = readRepoFile('deploy', 'main.bicep');
const bicepSettings = bicepAppSettings(bicep);
const appReadSettings = bicepSettings.filter((k) => !(k in PLATFORM_SETTINGS));
const envKeys: readonly string[] = ENV_KEYS;

function envExample(): string[] {
  const file = join(ROOT, '.env.example');
  if (!existsSync(file)) throw new Error('.env.example is missing at the repository root (it documents every setting; see src/config.ts ENV_KEYS).');
  return envExampleKeys(readRepoFile('.env.example'));
}

describe('reading the Bicep app settings', () => {
  it('finds the bot identity settings (guards against the reader silently finding nothing)', () => {
    expect(bicepSettings).toEqual(expect.arrayContaining(['MicrosoftAppType', 'MicrosoftAppId', 'MicrosoftAppTenantId', 'APPLICATIONINSIGHTS_CONNECTION_STRING']));
    expect(bicepSettings).toEqual(expect.arrayContaining(['IOTHUB_HOSTNAME', 'AZURE_OPENAI_ENDPOINT', 'LOG_ANALYTICS_WORKSPACE_ID', 'WATCH_STORAGE_ENDPOINT']));
  });

  it('applies every settings group to the site (none is defined and forgotten)', () => {
    const union = varBlock(bicep, 'appSettings') ?? '';
    for (const group of settingsVars(bicep)) expect(union).toMatch(new RegExp(`\\b${group}\\b`));
    expect(stripComments(bicep)).toMatch(/name:\s*'appsettings'\s*\n\s*properties:\s*appSettings\b/);
  });

  it('sets each name once', () => {
    expect(new Set(bicepSettings).size).toBe(bicepSettings.length);
  });
});

describe('app settings agree across Bicep, .env.example and src/config.ts', () => {
  it('every setting the Bicep sets is one the app reads (ENV_KEYS), or a listed platform setting', () => {
    expect(appReadSettings.filter((k) => !envKeys.includes(k))).toEqual([]);
  });

  it('every setting the Bicep sets for the app is documented in .env.example', () => {
    const documented = envExample();
    expect(appReadSettings.filter((k) => !documented.includes(k))).toEqual([]);
  });

  it('every .env.example key is one the app reads (or a listed platform setting)', () => {
    expect(envExample().filter((k) => !envKeys.includes(k) && !(k in PLATFORM_SETTINGS))).toEqual([]);
  });

  it('every key the app reads is documented in .env.example', () => {
    const documented = envExample();
    expect(envKeys.filter((k) => !documented.includes(k))).toEqual([]);
  });

  it('the Bicep stores no secret: bot, IoT Hub and Azure OpenAI use the managed identity', () => {
    expect(bicepSettings.filter((k) => SECRET_SETTINGS.includes(k))).toEqual([]);
    expect(objectKeys(varBlock(bicep, 'coreSettings') ?? '')).toContain('MicrosoftAppType');
    expect(stripComments(bicep)).toMatch(/MicrosoftAppType:\s*'UserAssignedMSI'/);
  });
});

describe('the settings readers', () => {
  it('read .env.example keys, including commented-out optional ones', () => {
    expect(envExampleKeys('# comment\nPORT=3978\n# IOTHUB_HOSTNAME=my-hub.azure-devices.net\nexport LOG_LEVEL=info\n# not=a key line? no\n')).toEqual([
      'PORT',
      'IOTHUB_HOSTNAME',
      'LOG_LEVEL',
    ]);
  });

  it('read keys of conditional object vars and skip comments', () => {
    const src = "var aSettings = empty(x) ? {} : {\n  // B_COMMENTED: 1\n  A_KEY: 'v'\n}\n\nvar other = 1\n";
    expect(bicepAppSettings(src)).toEqual(['A_KEY']);
  });
});
