/**
 * Probes against simulated containers. Results come from the image behaviour (which ports
 * listen, which HTTP paths exist, which files the command created), so they are a pure
 * function of the time since the container started. Messages are upstream's
 * (pkg/probe/http: "HTTP probe failed with statuscode: %d"; dial errors as Go prints them;
 * exec probes report the command's output). Thresholds and periods follow the kubelet's
 * prober workers: initialDelaySeconds, then every periodSeconds; failureThreshold consecutive
 * failures flip to failure, successThreshold successes flip back; liveness and readiness wait
 * for the startup probe to succeed.
 */
import type { Behaviour } from '../images/behaviour';
import { lookupImage } from '../images/catalog';

/** One probe attempt's result. */
export interface ProbeOutcome {
  ok: boolean;
  message: string;
}

/** Probe timing in real milliseconds with its thresholds (upstream defaults: 0s, 10s, 3, 1). */
export function probeTiming(probe: any): { initialMs: number; periodMs: number; failureThreshold: number; successThreshold: number } {
  return {
    initialMs: (probe.initialDelaySeconds ?? 0) * 1000,
    periodMs: (probe.periodSeconds ?? 10) * 1000,
    failureThreshold: probe.failureThreshold ?? 3,
    successThreshold: probe.successThreshold ?? 1,
  };
}

function alive(b: Behaviour, t: number): boolean {
  const end = Math.min(b.timeline.exitAfterMs ?? Infinity, b.oomAfterMs ?? Infinity);
  return t < end;
}

function fileExists(b: Behaviour, path: string, t: number): boolean {
  const spans = b.timeline.files.filter((f) => f.path === path);
  if (!spans.length) return /^\/(etc|usr|bin|sbin|lib|proc|dev|var\/run\/secrets)\//.test(path);
  return spans.some((f) => f.fromMs <= t && (f.untilMs === undefined || f.untilMs > t));
}

function resolvePort(container: any, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return (container.ports ?? []).find((p: any) => p.name === port)?.containerPort;
}

function listening(b: Behaviour, port: number | undefined, t: number): boolean {
  return port !== undefined && alive(b, t) && t >= b.listenAfterMs && b.ports.includes(port);
}

function execProbe(argv: string[], container: any, b: Behaviour, t: number): ProbeOutcome {
  const busybox = lookupImage(container.image ?? '')?.kind === 'shell' && !/ubuntu|debian/.test(container.image ?? '');
  const words = ['sh', '/bin/sh', 'bash', '/bin/bash'].includes(argv[0]) && argv[1] === '-c' ? (argv[2] ?? '').trim().split(/\s+/) : argv;
  const [cmd, ...args] = words;
  const paths = args.filter((a) => a.startsWith('/'));
  switch (cmd?.replace(/^.*\//, '')) {
    case 'cat':
    case 'ls':
    case 'test':
    case '[': {
      const missing = paths.find((p) => !fileExists(b, p, t));
      if (!missing) return { ok: true, message: '' };
      if (cmd.endsWith('cat')) return { ok: false, message: busybox ? `cat: can't open '${missing}': No such file or directory` : `cat: ${missing}: No such file or directory` };
      if (cmd.endsWith('ls')) return { ok: false, message: busybox ? `ls: ${missing}: No such file or directory` : `ls: cannot access '${missing}': No such file or directory` };
      return { ok: false, message: '' };
    }
    case 'false':
      return { ok: false, message: '' };
    case 'exit':
      return { ok: args[0] === '0', message: '' };
    default:
      return { ok: true, message: '' };
  }
}

/** The result of one attempt of `probe` at `t` real ms after the container started. */
export function probeOnce(probe: any, container: any, b: Behaviour, t: number, podIP: string): ProbeOutcome {
  if (!alive(b, t)) return { ok: false, message: 'container not running' };
  if (probe.exec) return execProbe(probe.exec.command ?? [], container, b, t);
  if (probe.httpGet) {
    const port = resolvePort(container, probe.httpGet.port);
    const host = probe.httpGet.host ?? podIP;
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const path = probe.httpGet.path ?? '/';
    if (!listening(b, port, t)) return { ok: false, message: `Get "${scheme}://${host}:${port ?? probe.httpGet.port}${path.startsWith('/') ? path : `/${path}`}": dial tcp ${host}:${port ?? probe.httpGet.port}: connect: connection refused` };
    const known = b.httpPaths ?? ['/'];
    const bare = path.split('?')[0];
    return known.includes(bare) ? { ok: true, message: '' } : { ok: false, message: 'HTTP probe failed with statuscode: 404' };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(container, probe.tcpSocket.port);
    const host = probe.tcpSocket.host ?? podIP;
    return listening(b, port, t) ? { ok: true, message: '' } : { ok: false, message: `dial tcp ${host}:${port ?? probe.tcpSocket.port}: connect: connection refused` };
  }
  if (probe.grpc) {
    return listening(b, probe.grpc.port, t) ? { ok: true, message: '' } : { ok: false, message: `failed to connect service "${podIP}:${probe.grpc.port}" within 1s: context deadline exceeded` };
  }
  return { ok: true, message: '' };
}

/** Times after which nothing in the behaviour changes any more (for bounded scans). */
function horizon(b: Behaviour, periodMs: number, threshold: number, from: number): number {
  const points = [b.listenAfterMs, b.timeline.exitAfterMs ?? 0, b.oomAfterMs ?? 0, ...b.timeline.files.flatMap((f) => [f.fromMs, f.untilMs ?? 0])];
  return Math.max(from, ...points) + (threshold + 2) * periodMs;
}

/** A probe tick: its time (real ms since start) and outcome. */
export interface Tick extends ProbeOutcome {
  at: number;
}

/** Probe ticks from `fromMs` (the probe's start) up to `untilMs` (bounded at 2000 ticks). */
export function ticks(probe: any, container: any, b: Behaviour, podIP: string, fromMs: number, untilMs: number): Tick[] {
  const { initialMs, periodMs } = probeTiming(probe);
  const out: Tick[] = [];
  const first = fromMs + initialMs;
  for (let at = first, n = 0; at <= untilMs && n < 2000; at += periodMs, n++) out.push({ at, ...probeOnce(probe, container, b, at, podIP) });
  return out;
}

/**
 * When a failing probe trips (failureThreshold consecutive failures), scanning from
 * `fromMs`: the tick time and the messages of the failures. Undefined when it never trips.
 */
export function tripTime(probe: any, container: any, b: Behaviour, podIP: string, fromMs: number): { at: number; messages: string[] } | undefined {
  const t = probeTiming(probe);
  const end = horizon(b, t.periodMs, t.failureThreshold, fromMs + t.initialMs);
  let fails: string[] = [];
  for (const tick of ticks(probe, container, b, podIP, fromMs, end)) {
    if (tick.message === 'container not running') return undefined;
    fails = tick.ok ? [] : [...fails, tick.message];
    if (fails.length >= t.failureThreshold) return { at: tick.at, messages: fails };
  }
  return undefined;
}

/** When the startup probe succeeds (real ms since start), or undefined if it never does. */
export function startupSuccess(probe: any, container: any, b: Behaviour, podIP: string): number | undefined {
  const t = probeTiming(probe);
  const end = horizon(b, t.periodMs, 1, t.initialMs);
  return ticks(probe, container, b, podIP, 0, end).find((x) => x.ok)?.at;
}

/** Readiness over time: the instants it flips and the state after each, from `fromMs`. */
export function readinessFlips(probe: any, container: any, b: Behaviour, podIP: string, fromMs: number): { at: number; ready: boolean }[] {
  const t = probeTiming(probe);
  const end = horizon(b, t.periodMs, Math.max(t.failureThreshold, t.successThreshold), fromMs + t.initialMs);
  const out: { at: number; ready: boolean }[] = [];
  let ready = false;
  let oks = 0;
  let fails = 0;
  for (const tick of ticks(probe, container, b, podIP, fromMs, end)) {
    if (tick.ok) {
      oks++;
      fails = 0;
    } else {
      fails++;
      oks = 0;
    }
    if (!ready && oks >= t.successThreshold) out.push({ at: tick.at, ready: (ready = true) });
    else if (ready && fails >= t.failureThreshold) out.push({ at: tick.at, ready: (ready = false) });
  }
  return out;
}
