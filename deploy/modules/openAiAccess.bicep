// Lets the bot's managed identity call an existing Azure OpenAI account (Microsoft Entra ID auth), so no
// API key is stored. Deployed into the account's resource group.
@description('Name of the existing Azure OpenAI (Cognitive Services) account.')
param openAiAccountName string

@description('Principal (object) id of the bot\'s user-assigned managed identity.')
param principalId string

// Built-in "Cognitive Services OpenAI User": call deployments (inference), no management rights.
var openAiUser = '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: openAiAccountName
}

resource callModels 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, openAiUser)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', openAiUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output endpoint string = account.properties.endpoint
