// Key Vault in RBAC mode for the hub's secrets. The app reads them through Key Vault references
// (@Microsoft.KeyVault(SecretUri=...)) with Key Vault Secrets User (rbac.bicep). The secrets themselves are set once by
// an operator (README, "Deploy to Azure"), so no secret value passes through a deployment or its history:
//   pseudonymisation-key  -> Hub__PseudonymisationKey
//   board-webhook-url     -> M365__BoardWebhookUrl

@description('Vault name (3-24 characters).')
param name string
param location string
param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Losing the pseudonymisation key loses the link between pupils' records: a deleted vault stays recoverable.
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
