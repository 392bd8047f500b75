// Varde in one municipality's Azure subscription: App Service (Linux, Node 22 LTS) with a managed identity, Azure Bot
// (single tenant, Teams channel), Key Vault (RBAC) for the app registration's secret, a Storage account with the
// reminder queue and the schedule-lease container, and Log Analytics with Application Insights for an availability test.
//
// Deploy into a resource group:
//   az deployment group create -g <rg> -f infra/azure/main.bicep -p @infra/azure/parameters/example-kommune.parameters.json
// The README ("Deploying to a municipality") has the steps around it: app registration, sites, secret, Teams package.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------------------------------

@description('Short lower-case prefix for resource names, e.g. varde-tonsberg. The web app and the bot are named from it and must be unique in Azure.')
@minLength(3)
@maxLength(30)
param namePrefix string

@description('Azure region for everything but the bot (which is global). Norway East keeps the app server in Norway.')
param location string = resourceGroup().location

@description('Entra tenant id of the municipality.')
param tenantId string = subscription().tenantId

@description('Application (client) id of the Entra app registration: Graph (Sites.Selected, User.Read), Teams SSO and, by default, the bot.')
param clientId string

@description('Microsoft app id of the bot. Default: the same app registration as clientId.')
param botAppId string = clientId

@description('The host people reach Varde at, lower case. Empty: {namePrefix}-app.azurewebsites.net. A custom domain must also be bound to the web app (README).')
param publicHostName string = ''

@description('SharePoint host of the tenant, e.g. tonsberg.sharepoint.com.')
param spHostname string

@description('Path of the Varde site.')
param spSitePath string = '/sites/kvalitet'

@description('Path of the confidential whistleblowing site.')
param spConfidentialSitePath string = '/sites/kvalitet-varsling'

@description('SharePoint resource units per minute for the app: 1250 (up to 1,000 licences), 2500 (up to 5,000), 3750 (up to 15,000), 5000 (up to 50,000), 6250 (more).')
@allowed([
  1250
  2500
  3750
  5000
  6250
])
param spRuPerMinute int = 2500

@description('Publisher in the User-Agent SharePoint asks for (NONISV|publisher|Varde/version).')
param publisher string = 'Varde'

@description('Entra object ids (comma-separated) of the people who receive whistleblowing reports.')
param whistleblowingRecipients string

@description('Tenant ids (comma-separated) whose users may use the tab. Empty: the municipality\'s own tenant only.')
param allowedTenants string = ''

@description('Largest file taken with a report in the chat, in MB.')
@minValue(1)
@maxValue(250)
param fileMaxMb int = 25

@description('Name of the Key Vault secret that holds the app registration\'s client secret (set after deployment, README).')
param clientSecretName string = 'varde-client-secret'

@description('Name of the Key Vault secret that holds the bot\'s password. Default: the same secret (one app registration).')
param botSecretName string = clientSecretName

@description('App Service plan SKU. B1 is the smallest with Always On; P0v3 is the recommended production size.')
@allowed([
  'B1'
  'B2'
  'S1'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServicePlanSku string = 'P0v3'

@description('Number of instances. Start with 1: until issue 9\'s shared queue is in use, reports waiting for SharePoint are kept per instance.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('The command App Service runs to start the app.')
param startupCommand string = 'npm run serve'

@description('Azure Bot SKU. Teams is a standard channel, free on F0; S1 adds an SLA.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Daily cap on log ingestion in GB (-1: none).')
param logDailyQuotaGb int = 1

@description('An Application Insights availability test of /api/health from five European locations.')
param enableAvailabilityTest bool = true

@description('Object id of a person or group who may set secrets in the Key Vault (Key Vault Secrets Officer). Empty: none; assign it by hand.')
param secretsOfficerPrincipalId string = ''

@description('Storage redundancy for the reminder queue and the schedule lease.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param storageSku string = 'Standard_LRS'

@description('Tags on every resource.')
param tags object = {
  application: 'Varde'
}

// ---------------------------------------------------------------------------------------------------------------------
// Names and constants
// ---------------------------------------------------------------------------------------------------------------------

var suffix = uniqueString(resourceGroup().id, namePrefix)
var webAppName = '${namePrefix}-app'
var planName = '${namePrefix}-plan'
var botName = '${namePrefix}-bot'
// Key Vault and Storage names: globally unique, short, letters and digits.
var keyVaultName = 'kv${suffix}'
var storageAccountName = 'st${suffix}'
var logAnalyticsName = '${namePrefix}-log'
var appInsightsName = '${namePrefix}-appi'
var publicHost = empty(publicHostName) ? '${webAppName}.azurewebsites.net' : toLower(publicHostName)
var publicUrl = 'https://${publicHost}'
var reminderQueueName = 'varde-reminders'
var reminderPoisonQueueName = 'varde-reminders-poison'
var scheduleContainerName = 'varde-schedule'

// Built-in role definition ids (Azure RBAC).
var roleKeyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var roleKeyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
var roleStorageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var roleStorageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

// ---------------------------------------------------------------------------------------------------------------------
// Monitoring: Log Analytics and Application Insights (no personal data: see the diagnostic settings below)
// ---------------------------------------------------------------------------------------------------------------------

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
    workspaceCapping: {
      dailyQuotaGb: logDailyQuotaGb
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    IngestionMode: 'LogAnalytics'
    // Client IP addresses are masked (the default, said explicitly).
    DisableIpMasking: false
  }
}

resource availabilityTest 'Microsoft.Insights/webtests@2022-06-15' = if (enableAvailabilityTest) {
  name: '${namePrefix}-health'
  location: location
  // Application Insights finds its tests by this tag.
  tags: union(tags, {
    'hidden-link:${appInsights.id}': 'Resource'
  })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: '${namePrefix}-health'
    Name: 'Varde /api/health'
    Enabled: true
    Frequency: 300
    Timeout: 30
    Kind: 'standard'
    RetryEnabled: true
    // West Europe, North Europe, UK West, France Central, UK South.
    Locations: [
      {
        Id: 'emea-nl-ams-azr'
      }
      {
        Id: 'emea-gb-db3-azr'
      }
      {
        Id: 'emea-se-sto-edge'
      }
      {
        Id: 'emea-fr-pra-edge'
      }
      {
        Id: 'emea-ru-msa-edge'
      }
    ]
    Request: {
      RequestUrl: '${publicUrl}/api/health'
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 14
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Key Vault: the app registration's client secret, read by the web app's managed identity through RBAC
// ---------------------------------------------------------------------------------------------------------------------

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Storage: the reminder queue and the once-only schedule's lease (issue 9), Entra ID access only
// ---------------------------------------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // No account keys or SAS: the app's managed identity is the only way in.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource reminderQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: reminderQueueName
}

resource reminderPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: reminderPoisonQueueName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource scheduleContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: scheduleContainerName
  properties: {
    publicAccess: 'None'
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// App Service: Linux, Node 22 LTS, always on, HTTPS only
// ---------------------------------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

var keyVaultReference = '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=${clientSecretName})'
var botKeyVaultReference = '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=${botSecretName})'

resource webApp 'Microsoft.Web/sites@2024-04-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: startupCommand
      alwaysOn: true
      healthCheckPath: '/api/health'
      http20Enabled: true
      webSocketsEnabled: false
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // Microsoft Graph and the app registration (src/server/config.ts)
        {
          name: 'GRAPH_BASE_URL'
          value: 'https://graph.microsoft.com/v1.0'
        }
        {
          name: 'AZURE_AUTHORITY_HOST'
          value: 'https://login.microsoftonline.com'
        }
        {
          name: 'AZURE_TENANT_ID'
          value: tenantId
        }
        {
          name: 'AZURE_CLIENT_ID'
          value: clientId
        }
        {
          name: 'AZURE_CLIENT_SECRET'
          value: keyVaultReference
        }
        // SharePoint
        {
          name: 'SP_HOSTNAME'
          value: toLower(spHostname)
        }
        {
          name: 'SP_SITE_PATH'
          value: spSitePath
        }
        {
          name: 'SP_CONFIDENTIAL_SITE_PATH'
          value: spConfidentialSitePath
        }
        {
          name: 'SP_RU_PER_MINUTE'
          value: string(spRuPerMinute)
        }
        {
          name: 'VARDE_PUBLISHER'
          value: publisher
        }
        // The bot (Azure Bot resource below)
        {
          name: 'MICROSOFT_APP_ID'
          value: botAppId
        }
        {
          name: 'MICROSOFT_APP_PASSWORD'
          value: botKeyVaultReference
        }
        {
          name: 'MICROSOFT_APP_TENANT_ID'
          value: tenantId
        }
        {
          name: 'MICROSOFT_APP_TYPE'
          value: 'SingleTenant'
        }
        // The tab and its sign-in
        {
          name: 'VARDE_PUBLIC_URL'
          value: publicUrl
        }
        {
          name: 'TAB_APP_ID_URI'
          value: 'api://${publicHost}/${clientId}'
        }
        {
          name: 'VARDE_ALLOWED_TENANTS'
          value: empty(allowedTenants) ? tenantId : allowedTenants
        }
        // Reporting
        {
          name: 'VARDE_WHISTLEBLOWING_RECIPIENTS'
          value: whistleblowingRecipients
        }
        {
          // /home is the app's persistent storage (Azure Storage, encrypted at rest), kept across restarts.
          name: 'VARDE_PENDING_DIR'
          value: '/home/data/varde/pending-reports'
        }
        {
          name: 'VARDE_FILE_MAX_MB'
          value: string(fileMaxMb)
        }
        // Issue 9: the reminder queue and the schedule lease (managed identity; no keys)
        {
          name: 'VARDE_STORAGE_QUEUE_URL'
          value: '${storage.properties.primaryEndpoints.queue}${reminderQueueName}'
        }
        {
          name: 'VARDE_STORAGE_LEASE_URL'
          value: '${storage.properties.primaryEndpoints.blob}${scheduleContainerName}'
        }
        // The daily overdue digest in the leader channels, at 08:00 Oslo time.
        {
          name: 'VARDE_REMINDERS'
          value: 'on'
        }
        {
          name: 'VARDE_REMINDER_TIME'
          value: '08:00'
        }
        // App Service
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          // The deployment is a zip built elsewhere (README), mounted read-only; App Service builds nothing.
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
      ]
    }
  }
}

// No FTP or basic-auth deployment: deploy with `az webapp deploy`, which signs in with Entra ID.
resource ftpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
}

// The app's own output (console, which carries reason codes and never tokens or names) and the platform's events.
// Not the HTTP logs: they hold client IP addresses and full URLs.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'varde-logs'
  scope: webApp
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceAppLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Role assignments for the web app's managed identity (least privilege, narrowest scope)
// ---------------------------------------------------------------------------------------------------------------------

// Key Vault Secrets User: get and list secrets (getSecret, readMetadata) for the Key Vault references.
resource webAppSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, webApp.id, roleKeyVaultSecretsUser)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleKeyVaultSecretsUser)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(secretsOfficerPrincipalId)) {
  name: guid(keyVault.id, secretsOfficerPrincipalId, roleKeyVaultSecretsOfficer)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleKeyVaultSecretsOfficer)
    principalId: secretsOfficerPrincipalId
  }
}

resource webAppQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(reminderQueue.id, webApp.id, roleStorageQueueDataContributor)
  scope: reminderQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleStorageQueueDataContributor)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource webAppPoisonQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(reminderPoisonQueue.id, webApp.id, roleStorageQueueDataContributor)
  scope: reminderPoisonQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleStorageQueueDataContributor)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource webAppLeaseContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(scheduleContainer.id, webApp.id, roleStorageBlobDataContributor)
  scope: scheduleContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleStorageBlobDataContributor)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Azure Bot: single tenant, messaging endpoint on the web app, Teams channel
// ---------------------------------------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'Varde'
    endpoint: '${publicUrl}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
    // Only the Teams channel is used: no Direct Line or Web Chat secrets.
    disableLocalAuth: true
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Outputs: what the next steps need
// ---------------------------------------------------------------------------------------------------------------------

output webAppName string = webApp.name
output publicHost string = publicHost
output publicUrl string = publicUrl
output defaultHostName string = webApp.properties.defaultHostName
output messagingEndpoint string = bot.properties.endpoint
output tabAppIdUri string = 'api://${publicHost}/${clientId}'
output keyVaultName string = keyVault.name
output clientSecretName string = clientSecretName
output webAppPrincipalId string = webApp.identity.principalId
output storageAccountName string = storage.name
output reminderQueueUrl string = '${storage.properties.primaryEndpoints.queue}${reminderQueueName}'
output scheduleLeaseUrl string = '${storage.properties.primaryEndpoints.blob}${scheduleContainerName}'
output botName string = bot.name
