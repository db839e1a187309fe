// The hub's storage account: every container, queue and table the hub uses (the same lists as
// functions/BackOnTrack.Storage/HubStorageNames.cs, checked by a contract test), no Shared Key, TLS 1.2, and lifecycle
// rules that delete raw uploads and quarantined copies after their retention.

@description('Storage account name (3-24 lowercase letters and digits).')
param name string
param location string
param tags object

@description('Days after which raw uploads in drops, plans and benchmarks are deleted.')
param rawRetentionDays int

@description('Days after which quarantined files and their reports are deleted.')
param quarantineRetentionDays int

@description('Origins of the school portal, allowed to PUT a file to its upload URL (SAS) from the browser.')
param portalOrigins array

// Where schools and officers upload; Event Grid forwards BlobCreated from these to drop-events.
var uploadContainers = [
  'drops'
  'plans'
  'benchmarks'
]
var otherContainers = [
  'reports'
  'quarantine'
  'backups'
]

// Flex Consumption reads the app package from a blob container (functionAppConfig.deployment.storage).
var deploymentContainer = 'app-package'

var triggerQueues = [
  'drop-events'
  'metrics-requests'
  'tracker-sync'
]
// The Functions host moves a message that failed maxDequeueCount times to <queue>-poison; the hub reads their depth.
var poisonQueues = map(triggerQueues, queue => '${queue}-poison')

var tables = [
  'DataDrops'
  'BlobReceipts'
  'Schools'
  'Exclusions'
  'Attendance'
  'Cohorts'
  'Metrics'
  'CohortOutcomes'
  'Benchmarks'
  'Owners'
  'Actions'
  'ActionEvents'
  'Outbox'
  'PromptLedger'
  'SchoolKeys'
  'OperationsAudit'
  'KeyRotations'
  'TrackerItems'
  'RejectedTrackerEdits'
  'EarlyWarnings'
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    // Entra ID only: the app's managed identity, and user delegation SAS for school uploads.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    accessTier: 'Hot'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    // The portal's one cross-origin call: PUT of a file to a SAS URL (the SAS is the authorisation, not the origin).
    cors: {
      corsRules: [
        {
          allowedOrigins: portalOrigins
          allowedMethods: [
            'PUT'
            'OPTIONS'
          ]
          allowedHeaders: [
            'content-type'
            'x-ms-blob-type'
            'x-ms-version'
            'x-ms-client-request-id'
          ]
          exposedHeaders: [
            'x-ms-request-id'
            'etag'
          ]
          maxAgeInSeconds: 3600
        }
      ]
    }
  }
}

resource hubContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in concat(uploadContainers, otherContainers): {
  parent: blobService
  name: container
  properties: {
    publicAccess: 'None'
  }
}]

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainer
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource hubQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queue in concat(triggerQueues, poisonQueues): {
  parent: queueService
  name: queue
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource hubTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in tables: {
  parent: tableService
  name: table
}]

// SweepDrops deletes handled raw files after their retention; this rule is the backstop that deletes them even when
// the hub is stopped. Quarantine holds rejected files as schools sent them, so it expires the same way.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-raw-uploads'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: map(uploadContainers, container => '${container}/')
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: rawRetentionDays
                }
              }
            }
          }
        }
        {
          name: 'delete-quarantine'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'quarantine/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: quarantineRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    hubContainers
  ]
}

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output deploymentContainerName string = packageContainer.name
// drop-events, the first trigger queue: Event Grid's destination.
output dropEventsQueueName string = triggerQueues[0]
output uploadContainers array = uploadContainers
