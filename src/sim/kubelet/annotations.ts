/**
 * Per-pod annotations that override how the simulated kubelet and images behave (documented in
 * full at the top of stages.ts, which re-exports these names).
 */

/** Extra delay before the containers start (after the pull), e.g. `5s`. */
export const START_DELAY = 'kubeplay.dev/start-delay';
/** Force a failure: `ErrImagePull`, `CrashLoop` (exit 1 after 1s, or run-for) or `OOM`. */
export const FAIL = 'kubeplay.dev/fail';
/** Exit code every container exits with when it exits (with run-for: after that time). */
export const EXIT_CODE = 'kubeplay.dev/exit-code';
/** Every container exits after this long (e.g. `30s`), whatever its image does. */
export const RUN_FOR = 'kubeplay.dev/run-for';
/** Memory each container reports in metrics (e.g. `200Mi`); above its limit it is OOMKilled. */
export const MEMORY_USAGE = 'kubeplay.dev/memory-usage';
/** CPU each container reports in metrics (e.g. `300m`), capped by its limit. */
export const CPU_USAGE = 'kubeplay.dev/cpu-usage';

/** Every annotation name the simulation reads. */
export const KUBEPLAY_ANNOTATIONS = [START_DELAY, FAIL, EXIT_CODE, RUN_FOR, MEMORY_USAGE, CPU_USAGE] as const;
