import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError } from '../api/errors';
import type { Page } from '../api/reference';

/** A cursor-paginated list: first page on load (or when `key` changes), more on demand. */
export function usePagedList<T>(load: (cursor?: string) => Promise<Page<T>>, key: string) {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (cursor?: string) => {
      const mine = cursor ? generation.current : ++generation.current;
      setLoading(true);
      setError(undefined);
      try {
        const page = await load(cursor);
        if (mine !== generation.current) return;
        setItems((current) => (cursor ? [...current, ...page.items] : page.items));
        setNextCursor(page.nextCursor);
      } catch (failure) {
        if (mine === generation.current) setError(toApiError(failure).message);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    // `key` names what `load` reads; the function itself is re-created on every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );

  useEffect(() => {
    void fetchPage();
  }, [fetchPage]);

  return {
    items,
    loading,
    error,
    hasMore: nextCursor !== null,
    reload: () => fetchPage(),
    loadMore: () => (nextCursor ? fetchPage(nextCursor) : Promise.resolve()),
  };
}
