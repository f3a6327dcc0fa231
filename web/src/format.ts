/** How the pages print things: ages, quantities and a pod's status as kubectl prints them. */
import type { Pod } from 'kubernetes-types/core/v1';
import { parseQuantity, quantityMilliValue } from '../../src/apiserver/quantity';

/** kubectl's age (duration.HumanDuration): 45s, 3m, 2m10s, 5h, 3d… */
export function age(ts: string | undefined, now = Date.now()): string {
  if (!ts) return '<unknown>';
  const s = Math.max(0, Math.floor((now - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return h % 24 ? `${d}d${h % 24}h` : `${d}d`;
  if (d < 365 * 2) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

/** A quantity in milli-units (cpu: millicores; memory: milli-bytes), 0 when absent or invalid. */
export function milli(q: string | number | undefined): number {
  if (q === undefined || q === '') return 0;
  try {
    return Number(quantityMilliValue(parseQuantity(q)));
  } catch {
    return 0;
  }
}

/** Millicores as kubectl top prints them: 250m, 1.5 (cores). */
export function cpuText(m: number): string {
  if (m >= 1000 && m % 100 === 0) return `${m / 1000}`;
  return `${Math.round(m)}m`;
}

/** Milli-bytes as binary units: 128Mi, 1.5Gi. */
export function memText(mb: number): string {
  const b = mb / 1000;
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let v = b;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 10 || Number.isInteger(v) ? Math.round(v) : v.toFixed(1)}${units[i]}`;
}

/** The sum of a pod's requests (containers; init containers' max, as the scheduler counts). */
export function podRequests(pod: Pod): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec?.containers ?? []) {
    cpu += milli(c.resources?.requests?.cpu);
    memory += milli(c.resources?.requests?.memory);
  }
  for (const c of pod.spec?.initContainers ?? []) {
    cpu = Math.max(cpu, milli(c.resources?.requests?.cpu));
    memory = Math.max(memory, milli(c.resources?.requests?.memory));
  }
  return { cpu, memory };
}

/** The STATUS column of `kubectl get pods` (printPod in kubectl's printers). */
export function podStatus(pod: Pod): string {
  let reason = pod.status?.reason || pod.status?.phase || 'Unknown';
  let initializing = false;
  const inits = pod.status?.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    if (c.state?.terminated?.exitCode === 0) continue;
    if (c.state?.terminated) reason = c.state.terminated.reason ? `Init:${c.state.terminated.reason}` : `Init:ExitCode:${c.state.terminated.exitCode}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${pod.spec?.initContainers?.length ?? inits.length}`;
    initializing = true;
    break;
  }
  if (!initializing) {
    let hasRunning = false;
    for (const c of [...(pod.status?.containerStatuses ?? [])].reverse()) {
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = 'Running';
  }
  if (pod.metadata?.deletionTimestamp) reason = pod.status?.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

/** READY column: ready/total containers. */
export function podReady(pod: Pod): string {
  const st = pod.status?.containerStatuses ?? [];
  return `${st.filter((c) => c.ready).length}/${pod.spec?.containers?.length ?? st.length}`;
}

/** RESTARTS column (the sum over containers). */
export function podRestarts(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

/** A status word's tone for its badge: ok, warn, bad or idle. */
export function tone(status: string): 'ok' | 'warn' | 'bad' | 'idle' {
  if (/^(Running|Ready|Active|Bound|Complete|Completed|Succeeded|Available|True)$/.test(status)) return 'ok';
  if (/^(Pending|ContainerCreating|PodInitializing|Init:|Terminating|Progressing|Unknown|Suspended|SchedulingDisabled)/.test(status)) return 'warn';
  if (/Err|BackOff|Failed|Error|OOM|NotReady|Evicted|ExitCode|Signal|Invalid|Forbidden/.test(status)) return 'bad';
  return 'idle';
}

/** `1 pod`, `3 pods`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
