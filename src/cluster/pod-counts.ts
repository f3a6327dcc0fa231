/**
 * How a student's pods are doing, counted for the instructor's roster: running, pending, failing
 * and succeeded. Counted by SQLite from the stored JSON (json_extract / json_each), so no pod is
 * parsed into JavaScript and the object cache is neither loaded nor grown by a roster poll.
 */

/** Pods by how they are doing. Every stored pod counts in exactly one bucket. */
export interface PodCounts {
  running: number;
  pending: number;
  /** Phase Failed, or a container waiting for a reason that is not a normal start
   * (CrashLoopBackOff, ImagePullBackOff, ErrImagePull, CreateContainerConfigError…): what
   * `kubectl get pods` shows as a red STATUS. */
  failing: number;
  succeeded: number;
}

/** Waiting reasons of a container that is merely starting (kubelet's ContainerCreating, PodInitializing). */
const STARTING = `'ContainerCreating', 'PodInitializing'`;

/** A container of `list` (a JSON path of the pod) waits for a reason other than starting. */
const waitingBadly = (list: string) =>
  `EXISTS (SELECT 1 FROM json_each(data, '${list}') c WHERE json_extract(c.value, '$.state.waiting.reason') NOT IN (${STARTING}))`;

const QUERY = `SELECT CASE
    WHEN json_extract(data, '$.status.phase') = 'Failed' OR ${waitingBadly('$.status.initContainerStatuses')} OR ${waitingBadly('$.status.containerStatuses')} THEN 'failing'
    WHEN json_extract(data, '$.status.phase') = 'Running' THEN 'running'
    WHEN json_extract(data, '$.status.phase') = 'Succeeded' THEN 'succeeded'
    ELSE 'pending' END AS bucket, COUNT(*) AS n
  FROM objects WHERE resource = 'pods' AND namespace NOT IN ('kube-system', 'kube-public', 'kube-node-lease') GROUP BY bucket`;

/**
 * Count the student's pods stored in a cluster's `objects` table (src/cluster/storage.ts): those
 * outside the system namespaces, whose pods (coredns, kube-proxy…) every cluster has.
 */
export function countPods(sql: SqlStorage): PodCounts {
  const out: PodCounts = { running: 0, pending: 0, failing: 0, succeeded: 0 };
  for (const row of sql.exec<{ bucket: keyof PodCounts; n: number }>(QUERY)) out[row.bucket] = row.n;
  return out;
}
