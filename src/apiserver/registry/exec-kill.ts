/**
 * A signal to a container's main process from inside the container (`kill 1`). PID 1 of a
 * PID namespace ignores signals it has no handler for, SIGKILL included; a server that handles
 * SIGTERM/SIGINT/SIGQUIT exits (its behaviour's `sigterm`), and the kubelet then restarts the
 * container as for any exit (restartCount + 1).
 */
import type { ControllerContext } from '../../controllers/types';
import type { KubeObject } from '../types';
import { containerBehaviour } from '../../sim/images/behaviour';
import { findContainer, refreshPodStatus, sandboxReady, setContainerStatus, terminatedState } from '../../sim/kubelet/pod-status';

const STOPPING = new Set(['TERM', 'INT', 'QUIT']);

/** Delivers `signal` to PID 1 of container `c`; returns the exit code when the process exits. */
export function stopMainProcess(ctx: ControllerContext, pod: KubeObject, c: any, signal: string): number | undefined {
  if (!STOPPING.has(signal)) return undefined;
  const current = ctx.store.get('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '');
  if (!current || current.metadata.uid !== pod.metadata.uid) return undefined;
  const found = findContainer(current, c.name);
  const run = found?.status?.state?.running;
  if (!found || !run) return undefined;
  const b = containerBehaviour(current, c, {});
  if (!b.sigterm) return undefined;
  const now = ctx.now();
  const stampNow = ctx.settings.profile === 'fast' ? now.toISOString() : new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const term = terminatedState(b.sigterm.exitCode, run.startedAt, stampNow, found.status.containerID);
  let next = setContainerStatus(current, found.isInit, { ...found.status, state: term, ready: false, started: false });
  next = refreshPodStatus(next, stampNow, sandboxReady(next));
  ctx.commit([{ op: 'put', resource: 'pods', object: next }]);
  return b.sigterm.exitCode;
}
