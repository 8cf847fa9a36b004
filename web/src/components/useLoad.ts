import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../api';
import { useSession } from '../session';

export type Load<T> =
  { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; status: number; message: string };

/**
 * Runs `fetcher` when `key` changes and on reload(); for members' pages, so a 401 ends
 * the session (the page then goes to sign-in). Late answers after the key changed are
 * ignored rather than aborted.
 */
export function useLoad<T>(key: string, fetcher: () => Promise<T>): [Load<T>, () => Promise<void>] {
  const session = useSession();
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const latestKey = useRef(key);
  latestKey.current = key;

  const run = useCallback(
    async (isCurrent: () => boolean) => {
      try {
        const data = await fetcher();
        if (isCurrent()) setLoad({ state: 'ready', data });
      } catch (error) {
        if (!isCurrent()) return;
        session.noticeError(error);
        setLoad({
          state: 'failed',
          status: error instanceof ApiError ? error.status : 0,
          message: errorMessage(error),
        });
      }
    },
    [key], // the fetcher closes over what `key` names
  );

  useEffect(() => {
    let current = true;
    setLoad({ state: 'loading' });
    void run(() => current);
    return () => {
      current = false;
    };
  }, [run]);

  // Reloading keeps the old data on screen until the new answer arrives.
  const reload = useCallback(() => run(() => latestKey.current === key), [run, key]);
  return [load, reload];
}
