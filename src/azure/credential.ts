// How the app signs in to Azure Storage: Entra ID only (the account allows no keys or SAS, infra/azure/main.bicep).
//
// In App Service the web app's system-assigned managed identity, asked for explicitly: DefaultAzureCredential would
// first try the environment's AZURE_CLIENT_ID/AZURE_CLIENT_SECRET, which here are the *Graph app registration's*
// (src/server/config.ts), an identity without the storage roles; and its managed-identity step would take that same
// AZURE_CLIENT_ID for a user-assigned identity. Elsewhere (a developer's machine with `az login`) DefaultAzureCredential.
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';

export type StorageIdentity = { readonly kind: 'managedIdentity'; readonly clientId?: string } | { readonly kind: 'default' };

export function storageCredential(identity: StorageIdentity): TokenCredential {
  if (identity.kind === 'managedIdentity') return identity.clientId ? new ManagedIdentityCredential({ clientId: identity.clientId }) : new ManagedIdentityCredential();
  return new DefaultAzureCredential();
}
