/**
 * A terminal into a pod's container: xterm.js over the exec WebSocket (v5.channel.k8s.io) running
 * `sh` with a tty and stdin, as `kubectl exec -it POD -- sh`. The terminal's size follows the
 * panel (fit addon) and is sent on the resize channel. Loaded on first use (detail.tsx).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import type { Pod } from 'kubernetes-types/core/v1';
import { ExecSession } from '../api/exec';
import type { KubeObject } from '../api/types';
import { currentTheme } from '../theme';
import { useCluster } from './context';

const THEMES = {
  dark: { background: '#0a0e14', foreground: '#d8dee9', cursor: '#6d9bff', selectionBackground: '#2b3a55' },
  light: { background: '#111722', foreground: '#e3e8ef', cursor: '#6d9bff', selectionBackground: '#2b3a55' },
};

export function TerminalTab({ pod: obj }: { pod: KubeObject }) {
  const pod = obj as Pod;
  const { client } = useCluster();
  const containers = (pod.spec?.containers ?? []).map((c) => c.name);
  const [container, setContainer] = useState(containers[0]);
  const [shell, setShell] = useState('sh');
  const [state, setState] = useState<'connecting' | 'open' | 'closed'>('connecting');
  const [generation, setGeneration] = useState(0);
  const host = useRef<HTMLDivElement>(null);
  const running = !!pod.status?.containerStatuses?.find((c) => c.name === container)?.state?.running;

  useEffect(() => {
    if (!host.current || !running) return;
    const term = new Terminal({ cursorBlink: true, fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace', fontSize: 13, theme: THEMES[currentTheme()], scrollback: 5000 });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host.current);
    fit.fit();
    setState('connecting');
    const session = new ExecSession(
      client,
      { namespace: pod.metadata!.namespace!, pod: pod.metadata!.name!, container, command: [shell], tty: true, stdin: true },
      {
        onOpen() {
          setState('open');
          session.resize(term.cols, term.rows);
          term.focus();
        },
        onOutput(data) {
          term.write(data);
        },
        onExit(status, opened) {
          setState('closed');
          const why = !opened ? 'could not connect' : status?.status === 'Failure' ? status.message : 'session ended';
          term.write(`\r\n\x1b[2m[${why}]\x1b[0m\r\n`);
        },
      },
    );
    const typed = term.onData((d) => session.write(d));
    const resized = term.onResize(({ cols, rows }) => session.resize(cols, rows));
    const ro = new ResizeObserver(() => fit.fit());
    ro.observe(host.current);
    return () => {
      ro.disconnect();
      typed.dispose();
      resized.dispose();
      session.close();
      term.dispose();
    };
  }, [container, shell, running, generation]);

  return (
    <div class="terminal">
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
        <label class="small">
          Shell{' '}
          <select value={shell} onChange={(e) => setShell((e.target as HTMLSelectElement).value)}>
            <option>sh</option>
            <option>bash</option>
          </select>
        </label>
        <span class={`stream-state ${state}`} aria-live="polite">
          {!running ? 'the container is not running' : state === 'open' ? `● connected: kubectl exec -it ${pod.metadata?.name} -- ${shell}` : state}
        </span>
        {state === 'closed' && (
          <button class="btn small" type="button" onClick={() => setGeneration((g) => g + 1)}>
            Reconnect
          </button>
        )}
      </div>
      <div class="term-host" ref={host} aria-label={`terminal in ${container}`} />
    </div>
  );
}
