import { useCallback, useEffect, useState } from 'react';
import { toApiError } from '../api/errors';

/** One thing a page shows (a complaint, a table): loaded on open and when `key` changes, replaceable after an action. */
export function useLoaded<T>(fetch: () => Promise<T>, key: string) {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<string>();

  const reload = useCallback(async () => {
    setError(undefined);
    try {
      setValue(await fetch());
    } catch (failure) {
      setError(toApiError(failure).message);
    }
    // `key` names what `fetch` reads; the function itself is re-created on every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  useEffect(() => {
    setValue(undefined);
    void reload();
  }, [reload]);

  return { value, setValue, error, loading: value === undefined && !error, reload };
}
