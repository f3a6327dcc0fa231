/** Test driver: runs the simulated kubelet over a pod on a virtual clock, recording every step. */
import type { KubeObject } from '../../../src/apiserver/types';
import { kubeletStep, kubeletNextDue, type KubeletEnv, type KubeletEvent, type TimingProfile } from '../../../src/sim/kubelet';

export const T0 = Date.parse('2025-01-06T12:00:00Z');

export const node: KubeObject = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'worker-1' },
  spec: { podCIDR: '10.244.1.0/24' },
  status: { addresses: [{ type: 'InternalIP', address: '172.18.0.3' }, { type: 'Hostname', address: 'worker-1' }] },
};

/** A pod bound to worker-1 at T0 (PodScheduled True), as the scheduler leaves it. */
export function boundPod(spec: any, meta: any = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid: '8d4c6b5e-1111-2222-3333-444455556666', creationTimestamp: '2025-01-06T12:00:00Z', ...meta },
    spec: { restartPolicy: 'Always', terminationGracePeriodSeconds: 30, nodeName: 'worker-1', ...spec },
    status: { phase: 'Pending', qosClass: 'BestEffort', conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-06T12:00:00Z' }] },
  };
}

export interface Recorded {
  at: number; // seconds since T0
  stage: string;
  events: KubeletEvent[];
  pod: KubeObject;
}

/** A deterministic random source. */
export function seeded(seed = 1): () => number {
  let x = seed;
  return () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

export function makeEnv(now: number, extra: Partial<KubeletEnv> = {}, profile: TimingProfile = 'realistic'): KubeletEnv {
  return {
    now: new Date(now),
    profile,
    node,
    podIP: () => '10.244.1.5',
    configMap: () => undefined,
    secret: () => undefined,
    random: seeded(7),
    ...extra,
  };
}

/**
 * Runs the kubelet from T0 until `untilS` seconds (or `maxSteps`), calling it whenever a stage is
 * due, as the runtime does; `mutate` may change the pod (e.g. delete it) at a given second.
 */
export function run(pod: KubeObject, untilS: number, opts: { extra?: Partial<KubeletEnv>; profile?: TimingProfile; at?: Record<number, (p: KubeObject, now: number) => KubeObject>; maxSteps?: number } = {}): { steps: Recorded[]; pod: KubeObject; deleted: boolean } {
  let now = T0;
  let last: number | undefined;
  const steps: Recorded[] = [];
  const until = T0 + untilS * 1000;
  const mutations = Object.entries(opts.at ?? {}).map(([s, f]) => ({ at: T0 + Number(s) * 1000, f })).sort((a, b) => a.at - b.at);
  for (let i = 0; i < (opts.maxSteps ?? 500); i++) {
    const env = makeEnv(now, { ...opts.extra, lastStepAt: last === undefined ? undefined : new Date(last) }, opts.profile);
    const step = kubeletStep(pod, env);
    if (step) {
      steps.push({ at: (now - T0) / 1000, stage: step.stage, events: step.events, pod: step.pod });
      if (step.deletePod) return { steps, pod: step.pod, deleted: true };
      pod = step.pod;
      last = now;
      const next = step.nextInMs;
      if (next === 0) continue;
    }
    const due = kubeletNextDue(pod, makeEnv(now, { ...opts.extra, lastStepAt: last === undefined ? undefined : new Date(last) }, opts.profile));
    let target = due === undefined ? Infinity : now + Math.max(due, 1);
    const m = mutations[0];
    if (m && m.at <= target) {
      mutations.shift();
      now = Math.max(now, m.at);
      pod = m.f(pod, now);
      continue;
    }
    if (target > until) break;
    now = target;
  }
  return { steps, pod, deleted: false };
}

/** `reason: message` lines of all events, each at the second it happened (its own `at`, else its step's), for golden comparisons. */
export function eventLines(steps: Recorded[]): string[] {
  return steps.flatMap((s) => s.events.map((e) => `${e.at === undefined ? s.at : (e.at - T0) / 1000}s ${e.type} ${e.reason}: ${e.message}`));
}

/** What `kubectl get pods` prints in STATUS for the pod (the printer's logic, simplified). */
export function printedStatus(pod: KubeObject): string {
  const st = pod.status ?? {};
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  let reason = st.phase;
  const inits: any[] = st.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const s = inits[i];
    if (s.state?.terminated?.exitCode === 0) continue;
    if (s.state?.terminated) return `Init:${s.state.terminated.reason || 'Error'}`;
    if (s.state?.waiting?.reason && s.state.waiting.reason !== 'PodInitializing') return `Init:${s.state.waiting.reason}`;
    return `Init:${i}/${inits.length}`;
  }
  for (const s of [...(st.containerStatuses ?? [])].reverse()) {
    if (s.state?.waiting?.reason) reason = s.state.waiting.reason;
    else if (s.state?.terminated) reason = s.state.terminated.reason;
  }
  return reason;
}

/** The STATUS column over time, collapsing repeats: ["0s ContainerCreating", "1.9s Running", …]. */
export function watch(steps: Recorded[]): string[] {
  const out: string[] = [];
  let prev = '';
  for (const s of steps) {
    const p = printedStatus(s.pod);
    const ready = `${(s.pod.status?.containerStatuses ?? []).filter((c: any) => c.ready).length}/${(s.pod.spec?.containers ?? []).length}`;
    const restarts = (s.pod.status?.containerStatuses ?? []).reduce((n: number, c: any) => n + (c.restartCount ?? 0), 0);
    const line = `${ready} ${p} ${restarts}`;
    if (line !== prev) out.push(`${s.at}s ${line}`);
    prev = line;
  }
  return out;
}
