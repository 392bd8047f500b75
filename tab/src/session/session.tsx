// Who is signed in and how: Teams SSO inside Teams, the local persona page outside; gives pages the API client and the signed-in person.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LocalPersona, LocalSignIn, MeView, UnitView } from '../../../src/server/api/contract.js';
import { ApiRequestError, createApiClient, type ApiClient } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { clearLocalSession, readLocalSession, writeLocalSession } from './local-store';
import type { TeamsHost } from './teams';

export type SessionState =
  | { kind: 'teams' }
  | { kind: 'local'; persona: string; label: string }
  | { kind: 'signedOut'; reason: 'none' | 'expired' }
  | { kind: 'teamsFailed' };

interface SessionValue {
  host: TeamsHost | null;
  state: SessionState;
  api: ApiClient;
  me: MeView | null;
  meError: ApiRequestError | null;
  reloadMe(): void;
  signIn(persona: Pick<LocalPersona, 'key' | 'label'>): Promise<void>;
  signOut(): void;
  /** The unit tree, fetched once on first use. */
  units(): Promise<UnitView[]>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ host, children }: { host: TeamsHost | null; children: ReactNode }) {
  const { t } = useI18n();
  const [state, setState] = useState<SessionState>(() => {
    if (host) return { kind: 'teams' };
    const stored = readLocalSession();
    return stored ? { kind: 'local', persona: stored.persona, label: stored.label } : { kind: 'signedOut', reason: 'none' };
  });
  const [me, setMe] = useState<MeView | null>(null);
  const [meError, setMeError] = useState<ApiRequestError | null>(null);
  const [meSerial, setMeSerial] = useState(0);
  const unitsPromise = useRef<Promise<UnitView[]> | null>(null);
  const tRef = useRef(t);
  tRef.current = t;

  const api = useMemo(
    () =>
      createApiClient(
        {
          async token(fresh) {
            if (host) {
              try {
                return await host.token(fresh);
              } catch {
                if (fresh) setState({ kind: 'teamsFailed' });
                return null;
              }
            }
            return readLocalSession()?.token ?? null;
          },
          unauthenticated() {
            if (host) {
              setState({ kind: 'teamsFailed' });
            } else {
              clearLocalSession();
              setState({ kind: 'signedOut', reason: 'expired' });
            }
          },
        },
        () => ({ network: tRef.current('error.network'), unexpected: tRef.current('error.unexpected') }),
      ),
    [host],
  );

  const signedIn = state.kind === 'teams' || state.kind === 'local';
  useEffect(() => {
    if (!signedIn) {
      setMe(null);
      return;
    }
    const controller = new AbortController();
    setMeError(null);
    api.get<MeView>('/api/me', controller.signal).then(setMe, (err: unknown) => {
      if (controller.signal.aborted) return;
      setMeError(err instanceof ApiRequestError ? err : new ApiRequestError(0, { code: 'unexpected', message: tRef.current('error.unexpected') }));
    });
    return () => controller.abort();
  }, [api, signedIn, meSerial]);

  const signIn = useCallback(
    async (persona: Pick<LocalPersona, 'key' | 'label'>) => {
      // The sign-in itself carries no token; the API client adds none while signed out.
      const result = await api.post<LocalSignIn>('/api/local/sign-in', { persona: persona.key });
      writeLocalSession({ token: result.token, expiresAt: result.expiresAt, persona: persona.key, label: persona.label });
      unitsPromise.current = null;
      setState({ kind: 'local', persona: persona.key, label: persona.label });
    },
    [api],
  );

  const signOut = useCallback(() => {
    clearLocalSession();
    unitsPromise.current = null;
    setMe(null);
    setState({ kind: 'signedOut', reason: 'none' });
  }, []);

  const units = useCallback(() => {
    if (!unitsPromise.current) {
      unitsPromise.current = api.get<UnitView[]>('/api/units');
      unitsPromise.current.catch(() => {
        unitsPromise.current = null;
      });
    }
    return unitsPromise.current;
  }, [api]);

  const value = useMemo<SessionValue>(
    () => ({ host, state, api, me, meError, reloadMe: () => setMeSerial((n) => n + 1), signIn, signOut, units }),
    [host, state, api, me, meError, signIn, signOut, units],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export function useApi(): ApiClient {
  return useSession().api;
}

/** The signed-in person; pages render only once it is known. */
export function useMe(): MeView {
  const { me } = useSession();
  if (!me) throw new Error('useMe before /api/me answered');
  return me;
}
