// Timestamps as SharePoint keeps them: UTC, whole seconds.
export function nowIso(): string {
  return new Date().toISOString().slice(0, 19) + 'Z';
}
