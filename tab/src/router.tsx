// A small client router over the History API: the location as state, navigate(), and a Link that stays in the app.
import { Link as FluentLink } from '@fluentui/react-components';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type MouseEvent, type ReactNode } from 'react';
import { parseRoute, type Route } from './routes';

interface Location {
  pathname: string;
  search: string;
  /** Counts navigations, so the shell can move focus after each one (not on the first load). */
  serial: number;
}

interface RouterValue {
  location: Location;
  route: Route;
  navigate(href: string, options?: { replace?: boolean }): void;
}

const RouterContext = createContext<RouterValue | null>(null);

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState<Location>(() => ({ pathname: window.location.pathname, search: window.location.search, serial: 0 }));
  useEffect(() => {
    const onPop = () => setLocation((l) => ({ pathname: window.location.pathname, search: window.location.search, serial: l.serial + 1 }));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((href: string, options?: { replace?: boolean }) => {
    const url = new URL(href, window.location.href);
    if (url.origin !== window.location.origin) {
      window.location.assign(url.href);
      return;
    }
    if (options?.replace) window.history.replaceState(null, '', url.pathname + url.search);
    else window.history.pushState(null, '', url.pathname + url.search);
    setLocation((l) => ({ pathname: url.pathname, search: url.search, serial: options?.replace ? l.serial : l.serial + 1 }));
  }, []);
  const value = useMemo<RouterValue>(() => ({ location, route: parseRoute(location.pathname, location.search), navigate }), [location, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter outside RouterProvider');
  return value;
}

function isPlainClick(e: MouseEvent): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
}

export interface AppLinkProps {
  href: string;
  children: ReactNode;
  className?: string;
  'aria-label'?: string;
  'aria-current'?: 'page' | undefined;
  'data-testid'?: string;
}

/** A Fluent link to a route of the tab: a real href (open in a new tab works), navigated in place on a plain click. */
export function AppLink({ href, children, ...rest }: AppLinkProps) {
  const { navigate } = useRouter();
  return (
    <FluentLink
      {...rest}
      href={href}
      onClick={(e: MouseEvent<HTMLAnchorElement>) => {
        if (e.defaultPrevented || !isPlainClick(e)) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </FluentLink>
  );
}
