// Lets the bot's managed identity read an existing Device Provisioning Service (registration states and
// enrollments, over Microsoft Entra ID), so the bot can say which hub DPS assigned a device to. Deployed
// into the DPS instance's resource group.
@description('Name of the existing Device Provisioning Service.')
param dpsName string

@description('Principal (object) id of the bot\'s user-assigned managed identity.')
param principalId string

// Built-in "Device Provisioning Service Data Reader": read access to the DPS data plane, nothing more.
// ("Device Provisioning Service Data Contributor" could also change enrollments: more than triage needs.)
var dpsDataReader = '10745317-c249-44a1-a5ce-3a4353c0bbd8'

resource dps 'Microsoft.Devices/provisioningServices@2022-12-12' existing = {
  name: dpsName
}

resource readDps 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(dps.id, principalId, dpsDataReader)
  scope: dps
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dpsDataReader)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// The service operations endpoint, e.g. contoso-dps.azure-devices-provisioning.net.
output hostName string = dps.properties.serviceOperationsHostName
