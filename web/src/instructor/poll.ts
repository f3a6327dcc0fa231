/**
 * Live data by polling: `load` runs now, then `everyMs` after each answer (never two at once),
 * paused while the tab is hidden and run again as soon as it is shown. The roster polls the admin
 * API so: its answer asks every student's cluster for its state, which no watch could carry.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api/client';

export interface Polled<T> {
  data?: T;
  error?: ApiError;
  /** When the last answer arrived (ms). */
  at?: number;
  /** Ask again now (after an action). */
  refresh(): void;
}

export function usePoll<T>(load: () => Promise<T>, everyMs: number, deps: unknown[]): Polled<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; at?: number }>({});
  const kick = useRef<() => void>(() => {});
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let busy = false;
    let again = false;
    setState({});
    const run = async () => {
      clearTimeout(timer);
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      try {
        const data = await load();
        if (alive) setState({ data, at: Date.now() });
      } catch (e) {
        if (alive) setState((s) => ({ ...s, error: e as ApiError, at: Date.now() }));
      } finally {
        busy = false;
      }
      if (!alive) return;
      if (again) {
        again = false;
        void run();
      } else if (!document.hidden) timer = setTimeout(run, everyMs);
    };
    const onVisible = () => {
      if (!document.hidden) void run();
    };
    kick.current = () => void run();
    document.addEventListener('visibilitychange', onVisible);
    void run();
    return () => {
      alive = false;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, deps);
  return { ...state, refresh: () => kick.current() };
}

/** Re-render every `ms` (for ages that must keep counting between answers). */
export function useTick(ms: number): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setN((x) => x + 1), ms);
    return () => clearInterval(t);
  }, [ms]);
  return n;
}
