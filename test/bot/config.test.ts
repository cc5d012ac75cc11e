import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, DEFAULT_PORT, ENV_KEYS, loadConfig, type Env } from '../../src/config';

const APP_ID = '0b6e3b4c-1111-4a2b-9c3d-5e6f7a8b9c0d';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const KEY = 'c2VjcmV0LWtleS1tdXN0LW5ldmVyLWJlLXByaW50ZWQ=';

function problems(env: Env): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

const msi: Env = { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT };

describe('loadConfig', () => {
  it('reads a managed-identity deployment with defaults for the rest', () => {
    const c = loadConfig({ ...msi, NODE_ENV: 'production', ALLOWED_TENANT_IDS: TENANT.toUpperCase() });
    expect(c.port).toBe(DEFAULT_PORT);
    expect(c.logLevel).toBe('info');
    expect(c.bot).toMatchObject({ appId: APP_ID, appType: 'UserAssignedMSI', tenantId: TENANT, anonymous: false });
    expect(c.allowedTenantIds).toEqual([TENANT]);
    expect(c.host).toBe('0.0.0.0');
  });

  it('accepts the app type case-insensitively and PORT as a number', () => {
    const c = loadConfig({ ...msi, MicrosoftAppType: 'userassignedmsi', PORT: '8080', LOG_LEVEL: 'DEBUG' });
    expect(c.bot.appType).toBe('UserAssignedMSI');
    expect(c.port).toBe(8080);
    expect(c.logLevel).toBe('debug');
  });

  it('refuses an empty app id unless explicitly allowed for local use', () => {
    expect(problems({}).join('\n')).toMatch(/MicrosoftAppId is empty.*BOT_ALLOW_ANONYMOUS=true/);
    const local = loadConfig({ BOT_ALLOW_ANONYMOUS: 'true' });
    expect(local.bot.anonymous).toBe(true);
    expect(local.host).toBe('127.0.0.1');
    expect(local.warnings.join('\n')).toMatch(/authentication is OFF/);
  });

  it('refuses an empty app id in production even with the local switch', () => {
    expect(problems({ NODE_ENV: 'production', BOT_ALLOW_ANONYMOUS: 'true' }).join('\n')).toMatch(/NODE_ENV=production/);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ ...msi, PORT: '', LOG_LEVEL: ' ', ALLOWED_TENANT_IDS: '' }).port).toBe(DEFAULT_PORT);
  });

  it('lists every bad value at once, one clear line each', () => {
    const list = problems({
      MicrosoftAppId: 'not-a-guid',
      MicrosoftAppType: 'Sometimes',
      PORT: '70000',
      LOG_LEVEL: 'chatty',
      ALLOWED_TENANT_IDS: `${TENANT},contoso`,
      IOTHUB_HOSTNAME: 'not a host',
      AZURE_OPENAI_ENDPOINT: 'ftp://x',
      AZURE_OPENAI_API_VERSION: 'latest',
      LOG_ANALYTICS_WORKSPACE_ID: 'ws',
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'nope',
      BOT_ALLOW_ANONYMOUS: 'maybe',
    });
    const text = list.join('\n');
    for (const name of [
      'MicrosoftAppId',
      'MicrosoftAppType',
      'PORT',
      'LOG_LEVEL',
      'ALLOWED_TENANT_IDS',
      'IOTHUB_HOSTNAME',
      'AZURE_OPENAI_ENDPOINT',
      'AZURE_OPENAI_DEPLOYMENT',
      'AZURE_OPENAI_API_VERSION',
      'LOG_ANALYTICS_WORKSPACE_ID',
      'APPLICATIONINSIGHTS_CONNECTION_STRING',
      'BOT_ALLOW_ANONYMOUS',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toContain('"contoso"');
  });

  it('requires a tenant for SingleTenant / UserAssignedMSI and a password for SingleTenant', () => {
    expect(problems({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI' }).join('\n')).toMatch(/MicrosoftAppTenantId is required/);
    expect(problems({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT }).join('\n')).toMatch(/MicrosoftAppPassword is required/);
  });

  it('never echoes a secret value in its messages', () => {
    const list = problems({
      ...msi,
      IOTHUB_CONNECTION_STRING: `HostName=contoso.azure-devices.net;DeviceId=thermostat-042;SharedAccessKey=${KEY}`,
      AZURE_OPENAI_API_KEY: KEY,
      MicrosoftAppPassword: KEY,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppId: 'bad',
    });
    const text = list.join('\n');
    expect(text).toMatch(/device connection string/);
    expect(text).not.toContain(KEY);
  });

  it('rejects a connection string without a policy, and setting both hub options', () => {
    expect(problems({ ...msi, IOTHUB_CONNECTION_STRING: `HostName=contoso.azure-devices.net;SharedAccessKey=${KEY}` }).join('\n')).toMatch(
      /missing: SharedAccessKeyName/,
    );
    expect(
      problems({
        ...msi,
        IOTHUB_CONNECTION_STRING: `HostName=contoso.azure-devices.net;SharedAccessKeyName=registryRead;SharedAccessKey=${KEY}`,
        IOTHUB_HOSTNAME: 'contoso.azure-devices.net',
      }).join('\n'),
    ).toMatch(/not both/);
  });

  it('checks the hub resource id used for whole-hub checks', () => {
    expect(problems({ ...msi, IOTHUB_RESOURCE_ID: 'contoso-hub' }).join('\n')).toMatch(/IOTHUB_RESOURCE_ID/);
    const rid = '/subscriptions/1f2e3d4c-0000-4000-8000-00000000cafe/resourceGroups/rg-iot/providers/Microsoft.Devices/IotHubs/contoso-hub';
    expect(loadConfig({ ...msi, IOTHUB_RESOURCE_ID: rid }).iothubResourceId).toBe(rid);
  });

  it('checks that the registry snapshot file exists', () => {
    expect(problems({ ...msi, IOTHUB_REGISTRY_SNAPSHOT: '/nope/missing.json' }).join('\n')).toMatch(/IOTHUB_REGISTRY_SNAPSHOT/);
    expect(loadConfig({ ...msi, IOTHUB_REGISTRY_SNAPSHOT: join(__dirname, '../../samples/registry-snapshot.json') }).iothub.registrySnapshot).toBeDefined();
  });

  it('passes on only the known variables to the service factories', () => {
    const c = loadConfig({ ...msi, SOMETHING_ELSE: 'x', AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'gpt' });
    expect(Object.keys(c.env).every((k) => (ENV_KEYS as readonly string[]).includes(k))).toBe(true);
    expect(c.env.AZURE_OPENAI_DEPLOYMENT).toBe('gpt');
  });
});

describe('ENV_KEYS and .env.example', () => {
  it('documents every variable the app reads, and nothing else', () => {
    const example = readFileSync(join(__dirname, '../../.env.example'), 'utf8');
    const keys = example
      .split('\n')
      .filter((l) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(l))
      .map((l) => l.slice(0, l.indexOf('=')));
    expect([...keys].sort()).toEqual([...ENV_KEYS].sort());
  });
});
