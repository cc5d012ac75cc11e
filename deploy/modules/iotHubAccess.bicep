// Lets the bot's managed identity read the device registry of an existing IoT Hub (Microsoft Entra ID auth),
// so no hub connection string is stored anywhere. Deployed into the hub's resource group.
@description('Name of the existing IoT Hub.')
param iotHubName string

@description('Principal (object) id of the bot\'s user-assigned managed identity.')
param principalId string

// Built-in "IoT Hub Data Reader": read access to the registry and twins, nothing more.
// ("IoT Hub Registry Contributor" could also create and delete devices: more than a triage bot needs.)
var iotHubDataReader = 'b447c946-2db7-41ec-983d-d8bf3b1c77e3'

resource iotHub 'Microsoft.Devices/IotHubs@2023-06-30' existing = {
  name: iotHubName
}

resource readRegistry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(iotHub.id, principalId, iotHubDataReader)
  scope: iotHub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', iotHubDataReader)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output hostName string = iotHub.properties.hostName
