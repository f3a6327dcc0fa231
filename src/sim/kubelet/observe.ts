/**
 * What tools observe of a running container: its resource usage (metrics.k8s.io), derived from
 * the image behaviour and the container's start time. Its logs are in logs.ts.
 */
import type { KubeObject } from '../../apiserver/types';
import type { KubeletEnv, StageContext } from './types';
import { findContainer } from './pod-status';
import { behaviourOf } from './container-run';
import { jitter, profileScale } from './timing';

function ctxOf(env: KubeletEnv): StageContext {
  const now = env.now.getTime();
  return { env, now, since: now, scale: profileScale(env.profile) };
}

/**
 * Usage of a running container for metrics.k8s.io: cpu in nanocores (`1234567n`) and memory
 * in KiB (`2844Ki`), from the image behaviour and annotations, ±3% stable jitter per minute.
 * A container that is not running uses nothing.
 */
export function containerUsage(pod: KubeObject, containerName: string, env: KubeletEnv): { cpu: string; memory: string } {
  const ctx = ctxOf(env);
  const found = findContainer(pod, containerName);
  if (!found?.status?.state?.running) return { cpu: '0', memory: '0' };
  const b = behaviourOf(pod, ctx, found.spec);
  const j = 0.97 + 0.06 * jitter(pod.metadata.uid ?? '', `${containerName}@${Math.floor(ctx.now / 60_000)}`);
  const cpu = Math.round(b.cpuNanocores * j);
  const mem = Math.round((b.memoryBytes * (0.99 + (j - 0.97) / 3)) / 1024);
  return { cpu: `${cpu}n`, memory: `${mem}Ki` };
}
