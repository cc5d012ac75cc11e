// Review checks on deploy/*.bicep. No Bicep compiler runs here (no Azure CLI, none on npm), so these read the
// source for the facts the deployment depends on; `az bicep build -f deploy/main.bicep` is the real compile.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TABLE_NAMES } from '../../src/watch/tables';
import { ROOT, readRepoFile, stripComments } from './bicepText';

const main = stripComments(readRepoFile('deploy', 'main.bicep'));
const modules = readdirSync(join(ROOT, 'deploy', 'modules')).filter((f) => f.endsWith('.bicep'));
const all = [main, ...modules.map((m) => stripComments(readRepoFile('deploy', 'modules', m)))];

/** The body of `resource NAME '...' = {` up to the matching brace. */
function resourceBody(src: string, name: string): string {
  const start = src.search(new RegExp(`^resource\\s+${name}\\s`, 'm'));
  if (start < 0) throw new Error(`resource ${name} not found`);
  let depth = 0;
  for (let i = src.indexOf('{', start); i < src.length; i++) {
    if (src[i] === '{') depth++;
    if (src[i] === '}' && --depth === 0) return src.slice(start, i + 1);
  }
  throw new Error(`resource ${name} is not closed`);
}

describe('deploy/main.bicep', () => {
  it('creates the bot as an Azure Bot on the user-assigned identity (no multi-tenant app, no password)', () => {
    const bot = resourceBody(main, 'bot');
    expect(bot).toMatch(/'Microsoft\.BotService\/botServices@2022-09-15'/);
    expect(bot).toMatch(/kind:\s*'azurebot'/);
    expect(bot).toMatch(/msaAppType:\s*'UserAssignedMSI'/);
    expect(bot).toMatch(/msaAppId:\s*identity\.properties\.clientId/);
    expect(bot).toMatch(/msaAppTenantId:\s*tenant\(\)\.tenantId/);
    expect(bot).toMatch(/msaAppMSIResourceId:\s*identity\.id/);
    expect(bot).toMatch(/endpoint:\s*'https:\/\/\$\{site\.properties\.defaultHostName\}\/api\/messages'/);
    expect(main).not.toMatch(/MultiTenant|msaAppPassword|MicrosoftAppPassword/);
  });

  it('enables the Teams channel', () => {
    const teams = resourceBody(main, 'teamsChannel');
    expect(teams).toMatch(/parent:\s*bot/);
    expect(teams).toMatch(/name:\s*'MsTeamsChannel'/);
    expect(teams).toMatch(/isEnabled:\s*true/);
  });

  it('runs the app on Linux App Service, Node 22 LTS, always on, https only, as the identity', () => {
    const site = resourceBody(main, 'site');
    expect(site).toMatch(/kind:\s*'app,linux'/);
    expect(site).toMatch(/linuxFxVersion:\s*'NODE\|22-lts'/);
    expect(site).toMatch(/alwaysOn:\s*true/);
    expect(site).toMatch(/httpsOnly:\s*true/);
    expect(site).toMatch(/type:\s*'UserAssigned'/);
    expect(site).toMatch(/healthCheckPath:\s*'\/healthz'/);
    expect(site).toMatch(/clientAffinityEnabled:\s*false/);
    expect(resourceBody(main, 'plan')).toMatch(/reserved:\s*true/);
  });

  it('starts the built server that package.json names', () => {
    const pkg = JSON.parse(readRepoFile('package.json')) as { main: string };
    expect(main).toMatch(new RegExp(`appCommandLine:\\s*'node ${pkg.main.replace(/[.]/g, '\\.')}'`));
  });

  it('wires workspace-based Application Insights into the app settings', () => {
    expect(resourceBody(main, 'appInsights')).toMatch(/WorkspaceResourceId:\s*workspace\.id/);
    expect(main).toMatch(/APPLICATIONINSIGHTS_CONNECTION_STRING:\s*appInsights\.properties\.ConnectionString/);
  });

  it('grants each optional resource only when it is named', () => {
    for (const [mod, param] of [
      ['iotHubAccess', 'iotHubName'],
      ['dpsAccess', 'dpsName'],
      ['openAiAccess', 'openAiAccountName'],
      ['logAnalyticsAccess', 'logAnalyticsWorkspaceName'],
    ]) {
      expect(main).toMatch(new RegExp(`^module\\s+${mod}\\s+'modules/${mod}\\.bicep'\\s*=\\s*if\\s*\\(!empty\\(${param}\\)\\)`, 'm'));
      expect(existsSync(join(ROOT, 'deploy', 'modules', `${mod}.bicep`))).toBe(true);
    }
  });

  it('grants IoT Hub Data Reader on each additional hub, and Reader on the subscription only when discovery is on', () => {
    expect(main).toMatch(/^module\s+additionalIotHubAccess\s+'modules\/iotHubAccess\.bicep'\s*=\s*\[\s*for\s+hub\s+in\s+additionalIotHubs:/m);
    expect(main).toMatch(/IOTHUB_HOSTNAMES:\s*join\(map\(additionalIotHubs,/);
    expect(main).toMatch(/^module\s+hubDiscoveryAccess\s+'modules\/hubDiscoveryAccess\.bicep'\s*=\s*if\s*\(iotHubDiscover\)\s*\{\s*\n\s*name:\s*'hubDiscoveryAccess-\$\{suffix\}'\s*\n\s*scope:\s*subscription\(\)/m);
    expect(main).toMatch(/var\s+hubDiscoverySettings\s*=\s*iotHubDiscover\s*\?\s*\{\s*\n\s*IOTHUB_DISCOVER:\s*'true'/);
    expect(main).toMatch(/DPS_HOSTNAME:\s*dpsAccess\.outputs\.hostName/);
  });

  it('creates the watch storage unless turned off, and gives the app its table endpoint', () => {
    expect(main).toMatch(/^param\s+watchStorage\s+bool\s*=\s*true/m);
    expect(main).toMatch(/^module\s+watchStore\s+'modules\/watchStorage\.bicep'\s*=\s*if\s*\(watchStorage\)/m);
    expect(main).toMatch(/principalId:\s*identity\.properties\.principalId/);
    expect(main).toMatch(/WATCH_STORAGE_ENDPOINT:\s*watchStore\.outputs\.tableEndpoint/);
  });

  it('uses every parameter it declares', () => {
    const params = [...main.matchAll(/^param\s+(\w+)/gm)].map((m) => m[1]);
    const unused = params.filter((p) => (main.match(new RegExp(`\\b${p}\\b`, 'g')) ?? []).length < 2);
    expect(unused).toEqual([]);
  });
});

describe('deploy/modules: least-privilege built-in roles', () => {
  const role = (file: string): string => stripComments(readRepoFile('deploy', 'modules', file));

  it('IoT Hub: IoT Hub Data Reader (registry read), not Registry Contributor', () => {
    expect(role('iotHubAccess.bicep')).toMatch(/'b447c946-2db7-41ec-983d-d8bf3b1c77e3'/);
    expect(role('iotHubAccess.bicep')).not.toMatch(/4ea46cd5-c1b2-4a8e-910b-273211f9ce47/);
  });

  it('Azure OpenAI: Cognitive Services OpenAI User', () => {
    expect(role('openAiAccess.bicep')).toMatch(/'5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'/);
  });

  it('DPS: Device Provisioning Service Data Reader, not Data Contributor', () => {
    expect(role('dpsAccess.bicep')).toMatch(/'10745317-c249-44a1-a5ce-3a4353c0bbd8'/);
    expect(role('dpsAccess.bicep')).not.toMatch(/dfce44e4-17b7-4bd1-a6d1-04996ec95633/);
  });

  it('Hub discovery: Reader on the subscription (Resource Graph lists only what the caller can read)', () => {
    const src = role('hubDiscoveryAccess.bicep');
    expect(src).toMatch(/^targetScope\s*=\s*'subscription'/m);
    expect(src).toMatch(/'acdd72a7-3385-48ef-bd42-f606fba81ae7'/);
  });

  it('Log Analytics: Log Analytics Reader', () => {
    expect(role('logAnalyticsAccess.bicep')).toMatch(/'73c42c96-874c-492b-b04d-ab87d138a893'/);
  });

  it('assigns roles to the identity as a service principal, on the resource itself', () => {
    for (const file of modules) {
      const src = role(file);
      expect(src).toMatch(/'Microsoft\.Authorization\/roleAssignments@2022-04-01'/);
      expect(src).toMatch(/principalType:\s*'ServicePrincipal'/);
      // A subscription-scoped module assigns at its own scope (the subscription); the others on the resource.
      if (/^targetScope\s*=\s*'subscription'/m.test(src)) expect(src).not.toMatch(/^\s*scope:/m);
      else expect(src).toMatch(/scope:\s*(iotHub|account|workspace|dps)\b/);
    }
  });
});

describe('deploy/modules/watchStorage.bicep', () => {
  const storage = stripComments(readRepoFile('deploy', 'modules', 'watchStorage.bicep'));

  it('a storage account that refuses keys and old TLS', () => {
    const account = resourceBody(storage, 'account');
    expect(account).toMatch(/'Microsoft\.Storage\/storageAccounts@2023-05-01'/);
    expect(account).toMatch(/allowSharedKeyAccess:\s*false/);
    expect(account).toMatch(/minimumTlsVersion:\s*'TLS1_2'/);
    expect(account).toMatch(/supportsHttpsTrafficOnly:\s*true/);
    expect(account).toMatch(/allowBlobPublicAccess:\s*false/);
  });

  it('creates exactly the tables the app uses (src/watch/tables.ts)', () => {
    const names = [...(/var\s+tableNames\s*=\s*\[([^\]]*)\]/.exec(storage)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(names.sort()).toEqual(Object.values(TABLE_NAMES).sort());
    expect(resourceBody(storage, 'tables')).toMatch(/for\s+name\s+in\s+tableNames/);
  });

  it('grants the identity Storage Table Data Contributor on the account, and outputs the table endpoint', () => {
    const grant = resourceBody(storage, 'tableData');
    expect(storage).toMatch(/storageTableDataContributor\s*=\s*'0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'/);
    expect(grant).toMatch(/roleDefinitions',\s*storageTableDataContributor\)/);
    expect(grant).toMatch(/scope:\s*account\b/);
    expect(storage).toMatch(/output\s+tableEndpoint\s+string\s*=\s*account\.properties\.primaryEndpoints\.table/);
  });
});

describe('Bicep source hygiene', () => {
  it('has balanced braces, brackets and parentheses in every file', () => {
    for (const src of all) {
      const noStrings = src.replace(/'(?:[^'\\]|\\.)*'/g, "''");
      for (const [open, close] of [['{', '}'], ['[', ']'], ['(', ')']]) {
        expect(noStrings.split(open).length).toBe(noStrings.split(close).length);
      }
    }
  });
});
