using 'main.bicep'

// Values for one deployment of the hub. Change them here (or copy this file per environment); secrets are not set
// here but in Key Vault (README, "Deploy to Azure").
param environmentName = 'prod'
param alertEmail = 'semh-hub-alerts@rotherham.example'
param rawRetentionDays = 30
param quarantineRetentionDays = 90

// Keyed by app setting name; infra/modules/functionapp.bicep reads each one it needs.
param tenantSettings = {
  Hub__LocalAuthority: 'Rotherham'
  Hub__Region: 'Yorkshire and the Humber'
  // Outbox until the one-time Microsoft 365 steps are done; then Graph with the ids they produce.
  M365__Mode: 'Outbox'
  // Empty: Graph as the app's managed identity itself (setup A); an app registration's client id: as that registration,
  // trusted by the managed identity through a federated credential (setup B).
  M365__ClientId: ''
  M365__TeamsAppId: ''
  // The SharePoint action tracker as people open it (prompts and the digest link to it).
  M365__TrackerUrl: ''
  // The SharePoint site (host,siteGuid,webGuid) and the list ids `provision-lists` prints.
  M365__SiteId: ''
  M365__TrackerListId: ''
  M365__FiguresListId: ''
  M365__ReturnsListId: ''
}
