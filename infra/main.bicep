// The BackOnTrack hub in one resource group: storage (every container, queue and table the hub uses), the Flex
// Consumption function app running the .NET isolated worker, Event Grid -> queue drop-events, Key Vault, monitoring and
// alerts, one user-assigned identity and the role assignments it needs (nothing broader). Deploy with
// `az deployment group create` (README, "Deploy to Azure"); the Bicep CLI is not run in this repository's CI, so the
// structural tests in tests/BackOnTrack.ContractTests/Infra* stand in for `bicep build`.
targetScope = 'resourceGroup'

@description('Short name of this deployment (e.g. prod, test); part of every resource name.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Azure region for every resource; it must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Who receives the hub\'s alerts (poison messages, failed runs, missed weekly prompts).')
param alertEmail string

@description('Days raw uploads stay in drops, plans and benchmarks (app setting Ingest__RawRetentionDays; lifecycle rule backstop).')
@minValue(1)
param rawRetentionDays int = 30

@description('Days quarantined files and their reports are kept (app setting Ingest__QuarantineRetentionDays; lifecycle rule).')
@minValue(1)
param quarantineRetentionDays int = 90

@description('Values that differ per local authority or tenant, keyed by app setting name (see main.bicepparam).')
param tenantSettings object

@description('Flex Consumption instance size: 512, 2048 or 4096 MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances Flex Consumption may scale out to (40-1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Other origins that serve the school portal (a custom domain, e.g. https://data.example.gov.uk); the Function App\'s own address is always allowed.')
param portalOrigins array = []

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var functionAppName = 'func-backontrack-${environmentName}-${resourceToken}'
var tags = {
  application: 'backontrack'
  environment: environmentName
}

// The app's one identity: storage for the Functions host and the handler, Key Vault references, telemetry, and the
// federated credential the Microsoft 365 app registration trusts (README, "Deploy to Azure").
resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-backontrack-${environmentName}-${resourceToken}'
  location: location
  tags: tags
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'stbot${resourceToken}'
    location: location
    tags: tags
    rawRetentionDays: rawRetentionDays
    quarantineRetentionDays: quarantineRetentionDays
    // The school portal (GET /api/portal on the Function App) PUTs files from the browser straight to drops/.
    portalOrigins: concat(['https://${functionAppName}.azurewebsites.net'], portalOrigins)
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: 'log-backontrack-${environmentName}-${resourceToken}'
    appInsightsName: 'appi-backontrack-${environmentName}-${resourceToken}'
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: 'kv-bot-${resourceToken}'
    location: location
    tags: tags
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    storageAccountName: storage.outputs.name
    dropEventsQueueName: storage.outputs.dropEventsQueueName
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    appPrincipalId: appIdentity.properties.principalId
    eventGridPrincipalId: eventGrid.outputs.topicPrincipalId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    name: functionAppName
    planName: 'plan-backontrack-${environmentName}-${resourceToken}'
    location: location
    tags: tags
    identityId: appIdentity.id
    identityClientId: appIdentity.properties.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    keyVaultUri: keyVault.outputs.uri
    rawRetentionDays: rawRetentionDays
    quarantineRetentionDays: quarantineRetentionDays
    tenantSettings: tenantSettings
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
  }
  // The app starts reading storage and Key Vault as soon as it exists: grant its identity first.
  dependsOn: [
    rbac
  ]
}

module eventGrid 'modules/eventgrid.bicep' = {
  name: 'eventgrid'
  params: {
    topicName: 'evgt-backontrack-${environmentName}-${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
  }
}

// Event Grid checks at creation that its identity may send to the queue, so the subscription follows the role.
module blobCreated 'modules/eventgrid-subscription.bicep' = {
  name: 'eventgrid-blobcreated'
  params: {
    topicName: eventGrid.outputs.topicName
    storageAccountId: storage.outputs.id
    queueName: storage.outputs.dropEventsQueueName
    sourceContainers: storage.outputs.uploadContainers
  }
  dependsOn: [
    rbac
  ]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    namePrefix: 'backontrack-${environmentName}'
    location: location
    tags: tags
    alertEmail: alertEmail
    appInsightsId: monitoring.outputs.appInsightsId
    healthUrl: 'https://${functionApp.outputs.defaultHostName}/api/health'
  }
}

output resourceGroupName string = resourceGroup().name
output functionAppName string = functionApp.outputs.name
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}'
output storageAccountName string = storage.outputs.name
output keyVaultName string = keyVault.outputs.name
output keyVaultUri string = keyVault.outputs.uri
output identityName string = appIdentity.name
output identityClientId string = appIdentity.properties.clientId
output identityPrincipalId string = appIdentity.properties.principalId
output tenantId string = tenant().tenantId
output appInsightsName string = monitoring.outputs.appInsightsName
