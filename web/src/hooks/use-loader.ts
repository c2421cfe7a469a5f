/** Load data for a component, with loading and error state and a way to load again. */
import { useCallback, useEffect, useRef, useState } from 'react';

export type Loaded<T> = {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
};

/**
 * Runs `load` on mount and whenever it changes identity (wrap it in useCallback with its inputs),
 * and again on `reload()`. An answer that arrives after a newer request started is dropped.
 * @param initial the first answer when the screen already has it (the case page's one request):
 *   not asked again on mount, only on `reload()` or when `load` changes
 */
export function useLoader<T>(load: () => Promise<T>, initial?: T): Loaded<T> {
  const [data, setData] = useState<T | undefined>(initial);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(initial === undefined);
  const [generation, setGeneration] = useState(0);
  // The load the initial answer stands for: skipped once, on mount.
  const given = useRef<(() => Promise<T>) | null>(initial === undefined ? null : load);

  useEffect(() => {
    if (given.current === load && generation === 0) {
      given.current = null;
      return;
    }
    given.current = null;
    let current = true;
    setLoading(true);
    load().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (reason: unknown) => {
        if (!current) return;
        setError(reason);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [load, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data, error, loading, reload };
}
