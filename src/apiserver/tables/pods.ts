/**
 * Pod table (NAME READY STATUS RESTARTS AGE; wide IP NODE NOMINATED NODE READINESS GATES),
 * mirroring upstream printPod in pkg/printers/internalversion/printers.go (v1.33):
 * the STATUS cell is the same reason computation kubectl users know
 * (`Init:0/1`, `CrashLoopBackOff`, `Completed`, `Terminating`, …).
 */
import { DOC } from './descriptions';
import {
  AGE_COLUMN, NAME_COLUMN, col, nameOf, parseTime, since, humanDuration,
  type RowCondition, type TablePrinter, type TableRow,
} from './helpers';

const NODE_UNREACHABLE_REASON = 'NodeLost'; // k8s.io/kubernetes/pkg/util/node.NodeUnreachablePodReason

const SUCCEEDED: RowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const FAILED: RowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

function isRestartableInit(c: any): boolean {
  return c?.restartPolicy === 'Always';
}

function conditionTrue(status: any, type: string): boolean {
  for (const c of (status?.conditions ?? []) as any[]) {
    if (c?.type === type) return c.status === 'True';
  }
  return false;
}

function hasReadyCondition(status: any): boolean {
  return ((status?.conditions ?? []) as any[]).some((c) => c?.type === 'Ready' && c.status === 'True');
}

/** Terminated state → its reason, or `Signal:N` / `ExitCode:N` (prefixed for init containers). */
function terminatedReason(t: any, prefix: string): string {
  if (t.reason) return prefix + t.reason;
  if (t.signal) return `${prefix}Signal:${t.signal}`;
  return `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

/** Computes READY, STATUS and RESTARTS the way upstream printPod does. */
export function podStatusCells(pod: any, now: Date): { ready: string; reason: string; restarts: string } {
  const spec = pod?.spec ?? {};
  const status = pod?.status ?? {};
  const initSpecs: any[] = spec.initContainers ?? [];
  let total = (spec.containers ?? []).length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  const later = (a: number | undefined, b: number | undefined) =>
    b !== undefined && (a === undefined || b > a) ? b : a;

  const phase: string = status.phase ?? '';
  let reason: string = status.reason || phase;
  for (const c of (status.conditions ?? []) as any[]) {
    if (c?.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initByName = new Map<string, any>();
  for (const c of initSpecs) {
    initByName.set(c?.name, c);
    if (isRestartableInit(c)) total++;
  }

  let initializing = false;
  const initStatuses: any[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i] ?? {};
    const st = cs.state ?? {};
    const lastTerm = parseTime(cs.lastState?.terminated?.finishedAt);
    restarts += cs.restartCount ?? 0;
    if (cs.lastState?.terminated) lastRestart = later(lastRestart, lastTerm);
    const sidecar = isRestartableInit(initByName.get(cs.name));
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      if (cs.lastState?.terminated) lastSidecarRestart = later(lastSidecarRestart, lastTerm);
    }
    if (st.terminated && (st.terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) ready++;
      continue;
    }
    if (st.terminated) {
      reason = terminatedReason(st.terminated, 'Init:');
    } else if (st.waiting?.reason && st.waiting.reason !== 'PodInitializing') {
      reason = 'Init:' + st.waiting.reason;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses: any[] = status.containerStatuses ?? [];
    // upstream walks backwards so the first container's reason wins
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i] ?? {};
      const st = cs.state ?? {};
      restarts += cs.restartCount ?? 0;
      if (cs.lastState?.terminated) lastRestart = later(lastRestart, parseTime(cs.lastState.terminated.finishedAt));
      if (st.waiting?.reason) reason = st.waiting.reason;
      else if (st.terminated) reason = terminatedReason(st.terminated, '');
      else if (cs.ready && st.running) {
        hasRunning = true;
        ready++;
      }
    }
    // a Completed pod with a still-running container shows Running/NotReady
    if (reason === 'Completed' && hasRunning) reason = hasReadyCondition(status) ? 'Running' : 'NotReady';
  }

  const deleting = !!pod?.metadata?.deletionTimestamp;
  if (deleting && status.reason === NODE_UNREACHABLE_REASON) reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) {
    restartsStr = `${restarts} (${humanDuration(now.getTime() - lastRestart)} ago)`;
  }
  return { ready: `${ready}/${total}`, reason, restarts: restartsStr };
}

function readinessGates(pod: any): string {
  const gates: any[] = pod?.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  let trueCount = 0;
  for (const g of gates) {
    const c = ((pod?.status?.conditions ?? []) as any[]).find((x) => x?.type === g?.conditionType);
    if (c?.status === 'True') trueCount++;
  }
  return `${trueCount}/${gates.length}`;
}

/** pods (core/v1). */
export const podPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', 'The aggregate status of the containers in this pod.'),
    col('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    AGE_COLUMN,
    col('IP', 'string', DOC.podIP, 1),
    col('Node', 'string', DOC.nodeName, 1),
    col('Nominated Node', 'string', DOC.nominatedNodeName, 1),
    col('Readiness Gates', 'string', DOC.readinessGates, 1),
  ],
  row(pod, now): TableRow {
    const { ready, reason, restarts } = podStatusCells(pod, now);
    // upstream reads podIPs[0]; podIP is the same address when only the singular field is set
    const podIP = pod?.status?.podIPs?.[0]?.ip || pod?.status?.podIP || '<none>';
    const row: TableRow = {
      cells: [
        nameOf(pod), ready, reason, restarts, since(pod?.metadata?.creationTimestamp, now),
        podIP, pod?.spec?.nodeName || '<none>', pod?.status?.nominatedNodeName || '<none>', readinessGates(pod),
      ],
    };
    if (pod?.status?.phase === 'Succeeded') row.conditions = SUCCEEDED;
    else if (pod?.status?.phase === 'Failed') row.conditions = FAILED;
    return row;
  },
};
