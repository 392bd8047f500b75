// Server-side paging with a continuation: the first page when the filters change, "Vis flere" appends the next.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiRequestError } from './client';
import { asApiError } from './use-load';

interface Page<T> {
  items: T[];
  continuation: string | null;
}

export interface PagedList<T, P extends Page<T>> {
  items: T[];
  /** The first page's answer (counts, asOf). */
  first: P | undefined;
  continuation: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: ApiRequestError | null;
  loadMore(): void;
  reload(): void;
  replace(match: (item: T) => boolean, next: T): void;
}

export function usePaged<T, P extends Page<T>>(fetchPage: (continuation: string | null, signal: AbortSignal) => Promise<P>, key: string, fallbackMessage: string): PagedList<T, P> {
  const [items, setItems] = useState<T[]>([]);
  const [first, setFirst] = useState<P | undefined>(undefined);
  const [continuation, setContinuation] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [serial, setSerial] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const generation = useRef(0);

  useEffect(() => {
    const controller = new AbortController();
    const gen = ++generation.current;
    setLoading(true);
    setError(null);
    fetchRef.current(null, controller.signal).then(
      (page) => {
        if (gen !== generation.current) return;
        setItems(page.items);
        setFirst(page);
        setContinuation(page.continuation);
        setLoading(false);
      },
      (err: unknown) => {
        if (gen !== generation.current || controller.signal.aborted) return;
        setItems([]);
        setFirst(undefined);
        setContinuation(null);
        setError(asApiError(err, fallbackMessage));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [key, serial, fallbackMessage]);

  const loadMore = useCallback(() => {
    if (!continuation || loadingMore) return;
    const gen = generation.current;
    setLoadingMore(true);
    setError(null);
    fetchRef.current(continuation, new AbortController().signal).then(
      (page) => {
        if (gen !== generation.current) return;
        setItems((prev) => [...prev, ...page.items]);
        setContinuation(page.continuation);
        setLoadingMore(false);
      },
      (err: unknown) => {
        if (gen !== generation.current) return;
        setError(asApiError(err, fallbackMessage));
        setLoadingMore(false);
      },
    );
  }, [continuation, loadingMore, fallbackMessage]);

  const reload = useCallback(() => setSerial((n) => n + 1), []);
  const replace = useCallback((match: (item: T) => boolean, next: T) => setItems((prev) => prev.map((item) => (match(item) ? next : item))), []);
  return { items, first, continuation, loading, loadingMore, error, loadMore, reload, replace };
}
