// Table storage for hub watches (`watch <hub>`: watches, their last state, scheduler leases) and for the
// activity-id dedupe shared by every instance. Keys are off: the bot's managed identity reaches the tables
// with Storage Table Data Contributor (rows only, on this account only). The table names are the ones in
// src/watch/tables.ts (TABLE_NAMES); test/deploy/bicep.test.ts keeps the two in step.
@description('Name of the storage account to create (3-24 lower-case letters and digits).')
param storageAccountName string

@description('Region of the storage account.')
param location string

@description('Principal (object) id of the bot\'s user-assigned managed identity.')
param principalId string

// Built-in "Storage Table Data Contributor": read, write and delete tables and rows; nothing else.
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var tableNames = [
  'watches'
  'watchleases'
  'activitydedupe'
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    // Entra ID only: no account keys, no SAS signed with them.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for name in tableNames: {
  parent: tableService
  name: name
}]

resource tableData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, storageTableDataContributor)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// https://<account>.table.core.windows.net/ (the cloud's own suffix elsewhere): WATCH_STORAGE_ENDPOINT.
output tableEndpoint string = account.properties.primaryEndpoints.table
