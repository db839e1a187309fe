// BlobCreated in the upload containers -> queue drop-events, delivered with the system topic's identity (it holds
// Storage Queue Data Message Sender on that queue). Messages keep the Event Grid schema (subject, data.url,
// data.eTag): IngestDrop reads that shape whether Event Grid or SweepDrops wrote the message.

param topicName string
param storageAccountId string
param queueName string

@description('Containers whose new blobs IngestDrop handles.')
param sourceContainers array

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' existing = {
  name: topicName
}

resource blobCreated 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: topic
  name: 'blobcreated-to-drop-events'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    deliveryWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: storageAccountId
          queueName: queueName
          // Kept until the hub reads it; SweepDrops would find the blob anyway, but sooner is better.
          queueMessageTimeToLiveInSeconds: -1
        }
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      // subjectBeginsWith takes one prefix; an advanced filter takes one per container.
      advancedFilters: [
        {
          operatorType: 'StringBeginsWith'
          key: 'subject'
          values: map(sourceContainers, container => '/blobServices/default/containers/${container}/')
        }
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}
