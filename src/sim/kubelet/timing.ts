/**
 * Durations of the simulated kubelet, jitter, and upstream back-off schedules.
 * Back-off constants are upstream's (pkg/kubelet/kubelet.go): containers restart after
 * 10s doubling to 5m (MaxContainerBackOff), image pulls retry after 10s doubling to 5m
 * (MaxImageBackOff); a back-off entry older than twice the maximum (10 min) starts over.
 */
import type { KubeObject } from '../../apiserver/types';
import type { StageContext } from './types';

export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

/** Profile multiplier: 1 for realistic, 1/1000 for fast. */
export function profileScale(profile: string): number {
  return profile === 'fast' ? 0.001 : 1;
}

/** A stable number in [0,1) for (seed, key): jitter that does not change between calls. */
export function jitter(seed: string, key: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}/${key}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h % 10000) / 10000;
}

/** A real duration turned into this profile's milliseconds (at least 1 ms when non-zero). */
export function scaled(ctx: StageContext, realMs: number): number {
  if (realMs <= 0) return 0;
  return Math.max(1, Math.round(realMs * ctx.scale));
}

/** Real milliseconds a pull of `sizeBytes` takes (about 50 MB/s plus registry round trips), with jitter. */
export function pullMs(pod: KubeObject, image: string, sizeBytes: number): number {
  const j = jitter(pod.metadata.uid ?? pod.metadata.name ?? '', `pull:${image}`);
  return Math.round(600 + sizeBytes / 50_000 + j * 800);
}

/** Real delay between the pull and the process start (create + start in containerd). */
export const CREATE_MS = 150;
/** Real delay of the kubelet's first sync after binding. */
export const SYNC_MS = 200;
/** Real delay until the kubelet reports a new waiting reason after an exit or a failed pull. */
export const RESYNC_MS = 1000;
/** Real time a pull takes to fail (resolving the reference). */
export const PULL_FAIL_MS = 900;
/** Real period of the config/volume retry loop (pod resync). */
export const RETRY_MS = 10_000;

/** Back-off before restart number `restartCount + 1` of a container that crashed. */
export function crashBackoffMs(restartCount: number): number {
  if (restartCount <= 0) return 0;
  return Math.min(BACKOFF_INITIAL_MS * 2 ** (restartCount - 1), BACKOFF_MAX_MS);
}

/** Offsets (real ms, from the first attempt) of image pull attempts 0..n, for ImagePullBackOff. */
export function pullAttemptOffset(attempt: number): number {
  let t = 0;
  for (let k = 1; k <= attempt; k++) t += PULL_FAIL_MS + Math.min(BACKOFF_INITIAL_MS * 2 ** (k - 1), BACKOFF_MAX_MS);
  return t;
}

/** The back-off (real ms) in force after failed attempt `attempt`. */
export function pullBackoffMs(attempt: number): number {
  return Math.min(BACKOFF_INITIAL_MS * 2 ** attempt, BACKOFF_MAX_MS);
}

/** Volume mount retries (real ms from the first try): 0.5s doubling to 2m2s, as the volume manager's exponential back-off. */
export function mountRetryOffset(k: number): number {
  let t = 0;
  for (let i = 0; i < k; i++) t += Math.min(500 * 2 ** i, 122_000);
  return t;
}

/**
 * A status timestamp: RFC 3339 in whole seconds as the API shows them (realistic profile);
 * with milliseconds in the fast profile, whose steps are shorter than a second and whose
 * stages are timed from these stamps.
 */
export function stamp(ctx: StageContext, at: number): string {
  if (ctx.scale < 1) return new Date(at).toISOString();
  return new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Epoch ms of an RFC 3339 time, or undefined. */
export function ms(t: string | undefined | null): number | undefined {
  if (!t) return undefined;
  const v = Date.parse(t);
  return Number.isNaN(v) ? undefined : v;
}
