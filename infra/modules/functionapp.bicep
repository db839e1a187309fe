// The Flex Consumption (Linux) function app that runs the hub's .NET isolated worker, with its app settings.
//
// App settings: `appSettings` below lists every setting the deployed hub reads, once. It must equal the registry in
// functions/BackOnTrack.Functions/Configuration/HubSettings.cs (settings with scope Everywhere or AzureOnly; a contract
// test checks both ways and names what is missing). Adding a setting is one line here: a fixed value, a value from
// `tenantSettings` (then also set it in main.bicepparam), or a Key Vault reference for a secret.

param name string
param planName string
param location string
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity (identity-based storage, telemetry, Key Vault references, Microsoft 365 sign-in).')
param identityClientId string

param storageAccountName string

@description('The storage account\'s blob endpoint, ending in /.')
param blobEndpoint string

@description('Container Flex Consumption deploys the app package to.')
param deploymentContainerName string

param appInsightsConnectionString string

@description('The vault\'s URI, ending in /.')
param keyVaultUri string

param rawRetentionDays int
param quarantineRetentionDays int

@description('Per-tenant values keyed by app setting name (main.bicepparam).')
param tenantSettings object

param instanceMemoryMB int
param maximumInstanceCount int

// Versionless secret URIs: the app picks up a new secret version without a redeploy (README, "Deploy to Azure").
var pseudonymisationKeyReference = '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/pseudonymisation-key/)'
var boardWebhookReference = '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/board-webhook-url/)'
// `none` until the first re-keying (README, "Re-keying pupils"); then the earlier keys, oldest first.
var previousPseudonymisationKeysReference = '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/previous-pseudonymisation-keys/)'

var appSettings = {
  // Identity-based storage for the Functions host and the handler: Shared Key is disabled on the account.
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // Read by the Functions host, not the handler: telemetry through Entra ID (local auth is off).
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  Hub__PseudonymisationKey: pseudonymisationKeyReference
  Hub__PreviousPseudonymisationKeys: previousPseudonymisationKeysReference
  Hub__LocalAuthority: tenantSettings.Hub__LocalAuthority
  Hub__Region: tenantSettings.Hub__Region
  Ingest__RejectThresholdPercent: '20'
  Ingest__RawRetentionDays: string(rawRetentionDays)
  Ingest__QuarantineRetentionDays: string(quarantineRetentionDays)
  // Hostile-file limits (README, "Hostile and broken files").
  Ingest__MaxFileBytes: '52428800'
  Ingest__MaxRows: '1000000'
  Ingest__MaxColumns: '1000'
  Ingest__MaxCellChars: '32767'
  Ingest__MaxXlsxUncompressedBytes: '1073741824'
  Ingest__MaxXlsxEntries: '1000'
  // Early-warning thresholds and windows (README settings table).
  EarlyWarning__RepeatSuspensionsCount: '2'
  EarlyWarning__RepeatSuspensionsDays: '90'
  EarlyWarning__SuspensionsRisingDays: '90'
  EarlyWarning__SuspensionsRisingMinimum: '2'
  EarlyWarning__WithdrawnPermanentDays: '365'
  EarlyWarning__LunchtimeExclusionsCount: '2'
  EarlyWarning__LunchtimeExclusionsDays: '90'
  EarlyWarning__FallingRecentSessions: '40'
  EarlyWarning__FallingBaselineSessions: '120'
  EarlyWarning__FallingMinimumBaselineSessions: '60'
  EarlyWarning__FallingPoints: '10'
  EarlyWarning__PersistentAbsencePercent: '10'
  EarlyWarning__SevereAbsencePercent: '50'
  EarlyWarning__PartTimeSessions: '40'
  EarlyWarning__SufficientAlone: ''
  Retention__PupilDataYears: '7'
  Schools__UploadUrlMinutes: '15'
  Storage__MaxRetries: '5'
  Storage__RetryDelay: '00:00:00.8'
  Storage__MaxRetryDelay: '00:00:30'
  Storage__NetworkTimeout: '00:01:40'
  M365__Mode: tenantSettings.?M365__Mode ?? 'Outbox'
  M365__GraphBaseUrl: 'https://graph.microsoft.com/v1.0'
  M365__TenantId: tenantSettings.?M365__TenantId ?? tenant().tenantId
  // Graph sign-in (README, "Deploy to Azure" step 4): the app's identity, as itself when M365__ClientId is empty
  // (setup A), or for that app registration through its federated credential (setup B). No client secret in Azure.
  M365__ClientId: tenantSettings.?M365__ClientId ?? ''
  M365__ManagedIdentityClientId: identityClientId
  M365__TeamsAppId: tenantSettings.?M365__TeamsAppId ?? ''
  M365__TrackerUrl: tenantSettings.?M365__TrackerUrl ?? ''
  M365__SiteId: tenantSettings.?M365__SiteId ?? ''
  M365__TrackerListId: tenantSettings.?M365__TrackerListId ?? ''
  M365__FiguresListId: tenantSettings.?M365__FiguresListId ?? ''
  M365__ReturnsListId: tenantSettings.?M365__ReturnsListId ?? ''
  M365__BoardWebhookUrl: boardWebhookReference
  M365__BoardPackDriveId: tenantSettings.?M365__BoardPackDriveId ?? ''
  M365__BoardPackFolder: tenantSettings.?M365__BoardPackFolder ?? 'Board packs'
  M365__MaxRetries: '4'
  M365__RetryDelay: '00:00:02'
  M365__MaxRetryDelay: '00:02:00'
  M365__NetworkTimeout: '00:01:40'
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      // The .NET isolated worker on .NET 10: the platform provides the runtime and starts worker.config.json's
      // worker; Flex Consumption takes the runtime here, not as a FUNCTIONS_WORKER_RUNTIME app setting.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: appSettings
}

// Publishing goes through Entra ID (az functionapp deployment source config-zip), never basic-auth credentials.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
