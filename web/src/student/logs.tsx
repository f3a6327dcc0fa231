/**
 * A pod's logs, following (`GET pods/NAME/log?follow=true&tailLines=…`, the stream `kubectl logs
 * -f` reads): choose the container, the previous instance, line wrapping; the view sticks to the
 * bottom while you are there and stays put when you scroll up to read.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types';
import { useCluster } from './context';

const TAIL_LINES = 500;
const MAX_CHARS = 2_000_000;

export function LogsTab({ pod: obj }: { pod: KubeObject }) {
  const pod = obj as Pod;
  const { client } = useCluster();
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);
  const [container, setContainer] = useState(pod.spec?.containers?.[0]?.name ?? containers[0]);
  const [previous, setPrevious] = useState(false);
  const [wrap, setWrap] = useState(true);
  const [state, setState] = useState<'streaming' | 'ended' | 'error'>('streaming');
  const [error, setError] = useState<string>();
  const [generation, setGeneration] = useState(0);
  const out = useRef<HTMLPreElement>(null);
  const stick = useRef(true);
  const status = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((c) => c.name === container);
  const started = !!(status?.state?.running || status?.state?.terminated || status?.lastState?.terminated);
  const restarts = status?.restartCount ?? 0;

  useEffect(() => {
    const pre = out.current;
    if (!pre || !started) return;
    pre.textContent = '';
    setState('streaming');
    setError(undefined);
    const abort = new AbortController();
    const ref = { version: 'v1', resource: 'pods', namespace: pod.metadata!.namespace, name: pod.metadata!.name, subresource: 'log' };
    client
      .streamText(ref, { container, follow: !previous, previous: previous || undefined, tailLines: TAIL_LINES }, (text) => {
        pre.append(text);
        if ((pre.textContent?.length ?? 0) > MAX_CHARS) pre.textContent = pre.textContent!.slice(-MAX_CHARS / 2);
        if (stick.current) pre.scrollTop = pre.scrollHeight;
      }, abort.signal)
      .then(() => !abort.signal.aborted && setState('ended'))
      .catch((e) => {
        if (abort.signal.aborted) return;
        setState('error');
        setError((e as Error).message);
      });
    return () => abort.abort();
    // A restart starts a new instance: follow it from its start (the previous one ended the stream).
  }, [container, previous, started, restarts, generation]);

  return (
    <div class="logs">
      <div class="toolbar">
        {containers.length > 1 && (
          <label class="small">
            Container{' '}
            <select value={container} onChange={(e) => setContainer((e.target as HTMLSelectElement).value)}>
              {containers.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
        )}
        <label class="check small">
          <input type="checkbox" checked={previous} onChange={(e) => setPrevious((e.target as HTMLInputElement).checked)} /> previous instance
        </label>
        <label class="check small">
          <input type="checkbox" checked={wrap} onChange={(e) => setWrap((e.target as HTMLInputElement).checked)} /> wrap lines
        </label>
        <span class={`stream-state ${state}`} aria-live="polite">
          {!started ? 'waiting for the container to start' : state === 'streaming' ? (previous ? 'previous instance' : '● following') : state === 'ended' ? 'stream ended' : 'error'}
        </span>
        {state !== 'streaming' && started && (
          <button class="btn small" type="button" onClick={() => setGeneration((g) => g + 1)}>
            Reload
          </button>
        )}
      </div>
      {error && (
        <div class="note bad" role="alert">
          {error}
        </div>
      )}
      <pre
        ref={out}
        class={`log-view${wrap ? ' wrap' : ''}`}
        aria-label={`logs of ${container}`}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget as HTMLElement;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      />
    </div>
  );
}
