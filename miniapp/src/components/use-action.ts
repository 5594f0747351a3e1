import { useState } from 'react';
import { toApiError, type ApiError } from '../api/errors';
import { toast } from './toast';

/**
 * What a button's work needs around it: busy while it runs (the button shows so and is not pressed
 * twice), and the refusal's message once it failed, unless `onRefusal` placed it (beside a field) and
 * says so by returning true.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function run(work: () => Promise<void>, onRefusal?: (error: ApiError) => boolean): Promise<void> {
    setError(undefined);
    setBusy(true);
    try {
      await work();
    } catch (failure) {
      const refusal = toApiError(failure);
      if (!onRefusal?.(refusal)) setError(refusal.message);
    } finally {
      setBusy(false);
    }
  }
  /** The usual button: the work, then `done` said (a toast) and `after` (the page reloaded), or the refusal shown. */
  function act(work: () => Promise<unknown>, done: string, after?: () => void): Promise<void> {
    return run(async () => {
      await work();
      toast(done);
      after?.();
    });
  }
  return { busy, error, setError, run, act };
}
