// Loads data for a page: the latest request wins, an unmounted page's request is aborted, errors come back as ApiRequestError.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiRequestError } from './client';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiRequestError | null;
  loading: boolean;
  reload(): void;
  /** Replace the data in place (after a write that answered with the new record). */
  set(data: T): void;
}

export function asApiError(err: unknown, fallback: string): ApiRequestError {
  return err instanceof ApiRequestError ? err : new ApiRequestError(0, { code: 'unexpected', message: fallback });
}

export function useLoad<T>(load: ((signal: AbortSignal) => Promise<T>) | null, key: string, fallbackMessage: string): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [loading, setLoading] = useState(load !== null);
  const [serial, setSerial] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const fn = loadRef.current;
    if (!fn) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    fn(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(err, fallbackMessage));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [key, serial, fallbackMessage]);

  const reload = useCallback(() => setSerial((n) => n + 1), []);
  return { data, error, loading, reload, set: setData };
}
