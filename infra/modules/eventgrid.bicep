// The storage account's Event Grid system topic, with a system-assigned identity that delivers to the queue
// (eventgrid-subscription.bicep) without any storage key.

param topicName string
param location string
param tags object
param storageAccountName string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: topicName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output topicName string = topic.name
output topicPrincipalId string = topic.identity.principalId
