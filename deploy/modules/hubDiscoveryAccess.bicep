// Lets the bot's managed identity list the IoT hubs of this subscription with Azure Resource Graph
// (IOTHUB_DISCOVER=true). Resource Graph returns only resources the caller can read: Reader on the
// subscription is what it needs. Reading each discovered hub's registry still needs IoT Hub Data Reader on
// that hub (iotHubAccess.bicep), which Reader does not grant.
targetScope = 'subscription'

@description('Principal (object) id of the bot\'s user-assigned managed identity.')
param principalId string

// Built-in "Reader": view resources (control plane), no data-plane access, no changes.
var reader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'

resource readSubscription 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, reader)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', reader)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
