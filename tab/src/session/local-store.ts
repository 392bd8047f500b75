// The local sign-in's token, kept in sessionStorage (this tab only, gone when it closes) with its expiry.
export interface StoredLocalSession {
  token: string;
  expiresAt: string;
  persona: string;
  /** The persona's label ('Tjenesteleder' …), for the banner. */
  label: string;
}

const KEY = 'varde.localSession';

export function readLocalSession(now: Date = new Date(), storage: Pick<Storage, 'getItem' | 'removeItem'> = sessionStorage): StoredLocalSession | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<StoredLocalSession>;
    if (typeof value.token !== 'string' || typeof value.expiresAt !== 'string' || typeof value.persona !== 'string' || typeof value.label !== 'string') return null;
    if (!(Date.parse(value.expiresAt) > now.getTime())) {
      storage.removeItem(KEY);
      return null;
    }
    return { token: value.token, expiresAt: value.expiresAt, persona: value.persona, label: value.label };
  } catch {
    return null;
  }
}

export function writeLocalSession(session: StoredLocalSession, storage: Pick<Storage, 'setItem'> = sessionStorage): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearLocalSession(storage: Pick<Storage, 'removeItem'> = sessionStorage): void {
  storage.removeItem(KEY);
}
