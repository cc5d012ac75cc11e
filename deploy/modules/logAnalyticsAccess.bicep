// Lets the bot's managed identity run KQL against the Log Analytics workspace that receives the IoT Hub's
// diagnostic logs (Connections category). Deployed into the workspace's resource group.
@description('Name of the existing Log Analytics workspace.')
param workspaceName string

@description('Principal (object) id of the bot\'s user-assigned managed identity.')
param principalId string

// Built-in "Log Analytics Reader": query logs and read settings; cannot change anything.
var logAnalyticsReader = '73c42c96-874c-492b-b04d-ab87d138a893'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource queryLogs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, principalId, logAnalyticsReader)
  scope: workspace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', logAnalyticsReader)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// The workspace id the query API wants (a GUID), not the ARM resource id.
output workspaceId string = workspace.properties.customerId
