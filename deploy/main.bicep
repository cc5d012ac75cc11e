// IoT Hub Triage in Azure: a user-assigned managed identity that is the bot's identity (no password), an Azure
// Bot with the Teams channel, a Linux App Service on Node 22 LTS, and Application Insights. IoT Hubs, DPS, Azure
// OpenAI and Log Analytics are optional existing resources, reached through the same identity with read-only roles.
// Deploy with: az deployment group create -g <rg> -f deploy/main.bicep -p deploy/main.parameters.json
targetScope = 'resourceGroup'

@description('Prefix for resource names (letters, digits, hyphens).')
@minLength(3)
@maxLength(20)
param baseName string = 'iothub-triage'

@description('Region for the App Service, identity and monitoring. The bot itself is global.')
param location string = resourceGroup().location

@description('App Service plan SKU. B1 is the smallest with Always On; P0v3 or larger for production.')
param appServiceSku string = 'B1'

@description('App Service instances (scale out). What instances share (the resend dedupe, hub watches) is in table storage.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Azure Bot pricing tier. F0 is free; the Teams channel is a standard channel either way.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Comma-separated Microsoft Entra tenant ids whose users may use the bot. Default: this tenant only.')
param allowedTenantIds string = tenant().tenantId

@description('Existing IoT Hub whose device registry the bot may read. Empty: no registry lookups.')
param iotHubName string = ''

@description('Resource group of the IoT Hub (default: this one).')
param iotHubResourceGroup string = resourceGroup().name

@description('More existing IoT Hubs to search for a device, each { name, resourceGroup }: IoT Hub Data Reader is granted on each. Empty: only iotHubName.')
param additionalIotHubs array = []

@description('Existing Device Provisioning Service to ask which hub it assigned a device to. Empty: off.')
param dpsName string = ''

@description('Resource group of the Device Provisioning Service (default: this one).')
param dpsResourceGroup string = resourceGroup().name

@description('Also search every IoT hub the bot can see in this subscription (Azure Resource Graph; grants Reader on the subscription).')
param iotHubDiscover bool = false

@description('Existing Azure OpenAI account for the optional plain-language explanation. Empty: off.')
param openAiAccountName string = ''

@description('Resource group of the Azure OpenAI account (default: this one).')
param openAiResourceGroup string = resourceGroup().name

@description('Model deployment name in the Azure OpenAI account (required with openAiAccountName).')
param openAiDeployment string = ''

@description('Azure OpenAI API version.')
param openAiApiVersion string = '2024-10-21'

@description('Existing Log Analytics workspace that receives the IoT Hub diagnostic logs (for KQL). Empty: off.')
param logAnalyticsWorkspaceName string = ''

@description('Resource group of that workspace (default: this one).')
param logAnalyticsResourceGroup string = resourceGroup().name

@description('Table storage for hub watches (`watch <hub>`) and the resend dedupe shared by instances. false: no watches, and each instance dedupes on its own.')
param watchStorage bool = true

@description('Log level of the app.')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
])
param logLevel string = 'info'

var suffix = uniqueString(resourceGroup().id, baseName)
var siteName = '${baseName}-${suffix}'
var botName = '${baseName}-bot-${suffix}'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-id'
  location: location
}

// Workspace-based Application Insights (classic resources are retired).
resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${baseName}-logs-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

module iotHubAccess 'modules/iotHubAccess.bicep' = if (!empty(iotHubName)) {
  name: 'iotHubAccess-${suffix}'
  scope: resourceGroup(iotHubResourceGroup)
  params: {
    iotHubName: iotHubName
    principalId: identity.properties.principalId
  }
}

// One IoT Hub Data Reader grant per additional hub (each in its own resource group).
module additionalIotHubAccess 'modules/iotHubAccess.bicep' = [
  for hub in additionalIotHubs: {
    name: 'iotHubAccess-${hub.name}-${suffix}'
    scope: resourceGroup(hub.?resourceGroup ?? resourceGroup().name)
    params: {
      iotHubName: hub.name
      principalId: identity.properties.principalId
    }
  }
]

module dpsAccess 'modules/dpsAccess.bicep' = if (!empty(dpsName)) {
  name: 'dpsAccess-${suffix}'
  scope: resourceGroup(dpsResourceGroup)
  params: {
    dpsName: dpsName
    principalId: identity.properties.principalId
  }
}

module hubDiscoveryAccess 'modules/hubDiscoveryAccess.bicep' = if (iotHubDiscover) {
  name: 'hubDiscoveryAccess-${suffix}'
  scope: subscription()
  params: {
    principalId: identity.properties.principalId
  }
}

module openAiAccess 'modules/openAiAccess.bicep' = if (!empty(openAiAccountName)) {
  name: 'openAiAccess-${suffix}'
  scope: resourceGroup(openAiResourceGroup)
  params: {
    openAiAccountName: openAiAccountName
    principalId: identity.properties.principalId
  }
}

module logAnalyticsAccess 'modules/logAnalyticsAccess.bicep' = if (!empty(logAnalyticsWorkspaceName)) {
  name: 'logAnalyticsAccess-${suffix}'
  scope: resourceGroup(logAnalyticsResourceGroup)
  params: {
    workspaceName: logAnalyticsWorkspaceName
    principalId: identity.properties.principalId
  }
}

// Storage account names: 3-24 lower-case letters and digits, unique in Azure.
module watchStore 'modules/watchStorage.bicep' = if (watchStorage) {
  name: 'watchStorage-${suffix}'
  params: {
    storageAccountName: take('${toLower(replace(baseName, '-', ''))}${suffix}', 24)
    location: location
    principalId: identity.properties.principalId
  }
}

// App settings. Every name here is read by the app (src/config.ts ENV_KEYS, documented in .env.example),
// except the platform/SDK ones noted; test/deploy/appSettings.test.ts keeps the three in step.
// No secret is stored: the bot, IoT Hub, Azure OpenAI and table storage all authenticate as the managed identity.
var coreSettings = {
  MicrosoftAppType: 'UserAssignedMSI'
  MicrosoftAppId: identity.properties.clientId
  MicrosoftAppTenantId: tenant().tenantId
  ALLOWED_TENANT_IDS: allowedTenantIds
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  NODE_ENV: 'production'
  LOG_LEVEL: logLevel
  // SDK: @azure/identity's DefaultAzureCredential picks the user-assigned identity by this client id.
  AZURE_CLIENT_ID: identity.properties.clientId
  // Platform: the zip we deploy is already built (npm ci && npm run build), so no Oryx build on deploy.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
}

var iotHubSettings = empty(iotHubName) ? {} : {
  IOTHUB_HOSTNAME: iotHubAccess.outputs.hostName
}

// Host names follow from the hub names (<name>.azure-devices.net); the grants above make them readable.
var additionalIotHubSettings = empty(additionalIotHubs) ? {} : {
  IOTHUB_HOSTNAMES: join(map(additionalIotHubs, hub => '${hub.name}.azure-devices.net'), ',')
}

var dpsSettings = empty(dpsName) ? {} : {
  DPS_HOSTNAME: dpsAccess.outputs.hostName
}

var hubDiscoverySettings = iotHubDiscover ? {
  IOTHUB_DISCOVER: 'true'
} : {}

var openAiSettings = empty(openAiAccountName) ? {} : {
  AZURE_OPENAI_ENDPOINT: openAiAccess.outputs.endpoint
  AZURE_OPENAI_DEPLOYMENT: openAiDeployment
  AZURE_OPENAI_API_VERSION: openAiApiVersion
}

var logAnalyticsSettings = empty(logAnalyticsWorkspaceName) ? {} : {
  LOG_ANALYTICS_WORKSPACE_ID: logAnalyticsAccess.outputs.workspaceId
}

var watchStorageSettings = watchStorage ? {
  WATCH_STORAGE_ENDPOINT: watchStore.outputs.tableEndpoint
} : {}

var appSettings = union(coreSettings, iotHubSettings, additionalIotHubSettings, dpsSettings, hubDiscoverySettings, openAiSettings, logAnalyticsSettings, watchStorageSettings)

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${baseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: siteName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // No sticky sessions: any instance can take any turn.
    clientAffinityEnabled: false
    // Key Vault references in app settings (e.g. a hub connection string, if you must) resolve as this identity.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/src/server.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

// Settings as their own resource (an object of name: value); a for-loop in siteConfig.appSettings would not
// compile, because the values (identity, module outputs) are only known during the deployment.
resource siteSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'IoT Hub Triage'
    endpoint: 'https://${site.properties.defaultHostName}/api/messages'
    // Multi-tenant bot creation is no longer allowed; the managed identity is the bot's app identity.
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppTenantId: tenant().tenantId
    msaAppMSIResourceId: identity.id
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('The bot\'s Microsoft App ID: use it as BOT_ID for npm run package:teams.')
output botId string = identity.properties.clientId
output botName string = bot.name
output webAppName string = site.name
output webAppUrl string = 'https://${site.properties.defaultHostName}'
output appInsightsName string = appInsights.name
