import { useCallback, useEffect, useState, type DependencyList } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

interface InternalState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

/**
 * Runs `load` whenever `deps` change (or `reload` is called) and keeps the latest answer. Answers of
 * superseded runs are dropped. While a new run is loading the previous data stays visible, which keeps
 * tables from flickering between pages. Pass `null` to load nothing.
 */
export function useAsync<T>(load: (() => Promise<T>) | null, deps: DependencyList): AsyncState<T> {
  const [state, setState] = useState<InternalState<T>>({
    data: undefined,
    error: undefined,
    loading: load !== null,
  });
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    if (load === null) {
      setState({ data: undefined, error: undefined, loading: false });
      return undefined;
    }
    let active = true;
    setState((previous) => ({ data: previous.data, error: undefined, loading: true }));
    load().then(
      (data) => {
        if (active) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (active) setState({ data: undefined, error, loading: false });
      },
    );
    return () => {
      active = false;
    };
    // `load` is recreated on every render; the caller's deps say when it really changes.
  }, [...deps, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, reload };
}
