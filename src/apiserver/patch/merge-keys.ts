/**
 * Strategic-merge metadata for the built-in kinds of the course.
 *
 * Upstream keeps this metadata in Go struct tags on the k8s.io/api types, e.g.
 *   Containers []Container `json:"containers" patchStrategy:"merge" patchMergeKey:"name"`
 * and strategicpatch.PatchMetaFromStruct reads them by reflection. We have no reflection, so the
 * tags are transcribed here as a table keyed by JSON path from the object root. A path is written
 * with dots between fields and `[]` for "each element of this list":
 *   `spec.containers`          the list itself
 *   `spec.containers[].ports`  the `ports` list inside every container
 * A field that has no entry has no tag: maps merge key by key, lists are replaced whole (atomic).
 */

/** The strategic-merge tags of one field. */
export interface PatchMeta {
  /** `patchStrategy` split on ",": `merge`, `retainKeys`, `replace` (possibly two of them). */
  strategy?: string[];
  /** `patchMergeKey`: the field that identifies an element of a list of maps. */
  key?: string;
}

type Table = Record<string, PatchMeta>;

const merge = (key?: string): PatchMeta => (key ? { strategy: ['merge'], key } : { strategy: ['merge'] });
const mergeRetain = (key: string): PatchMeta => ({ strategy: ['merge', 'retainKeys'], key });

/** ObjectMeta (apimachinery meta/v1 types.go): ownerReferences by uid, finalizers as a set. */
function objectMeta(prefix: string): Table {
  return {
    [`${prefix}ownerReferences`]: merge('uid'),
    [`${prefix}finalizers`]: merge(),
  };
}

/** Container and EphemeralContainerCommon (core/v1 types.go). */
function container(prefix: string): Table {
  return {
    [`${prefix}ports`]: merge('containerPort'),
    [`${prefix}env`]: merge('name'),
    [`${prefix}volumeMounts`]: merge('mountPath'),
    [`${prefix}volumeDevices`]: merge('devicePath'),
  };
}

/** PodSpec (core/v1 types.go). Tolerations, affinity terms, readinessGates… carry no tag: atomic. */
function podSpec(prefix: string): Table {
  return {
    [`${prefix}volumes`]: mergeRetain('name'),
    [`${prefix}initContainers`]: merge('name'),
    ...container(`${prefix}initContainers[].`),
    [`${prefix}containers`]: merge('name'),
    ...container(`${prefix}containers[].`),
    [`${prefix}ephemeralContainers`]: merge('name'),
    ...container(`${prefix}ephemeralContainers[].`),
    [`${prefix}imagePullSecrets`]: merge('name'),
    [`${prefix}hostAliases`]: merge('ip'),
    [`${prefix}topologySpreadConstraints`]: merge('topologyKey'),
    [`${prefix}schedulingGates`]: merge('name'),
    [`${prefix}resourceClaims`]: mergeRetain('name'),
    [`${prefix}evictionResponders`]: merge('name'),
  };
}

/** PodTemplateSpec: its own ObjectMeta plus a PodSpec. */
function podTemplate(prefix: string): Table {
  return { ...objectMeta(`${prefix}metadata.`), ...podSpec(`${prefix}spec.`) };
}

const conditionsByType: Table = { 'status.conditions': merge('type') };

/** PodStatus (core/v1 types.go). containerStatuses carry no tag, so they are atomic. */
const podStatus: Table = {
  'status.conditions': merge('type'),
  'status.hostIPs': merge('ip'),
  'status.podIPs': merge('ip'),
  'status.resourceClaimStatuses': mergeRetain('name'),
  'status.nodeAllocatableResourceClaimStatuses': merge('resourceClaimName'),
};

/** Tables per `group/Kind` (core group is ""). Every kind also gets the root ObjectMeta entries. */
const byKind: Record<string, Table> = {
  '/Pod': { ...podSpec('spec.'), ...podStatus },
  '/PodTemplate': podTemplate('template.'),
  '/ReplicationController': { ...podTemplate('spec.template.'), ...conditionsByType },
  '/Service': { 'spec.ports': merge('port'), ...conditionsByType },
  '/Endpoints': {},
  '/ConfigMap': {},
  '/Secret': {},
  '/ServiceAccount': { secrets: merge('name') },
  '/Namespace': conditionsByType,
  '/Node': {
    'spec.podCIDRs': merge(),
    'status.conditions': merge('type'),
    'status.addresses': merge('type'),
  },
  '/PersistentVolume': {},
  '/PersistentVolumeClaim': conditionsByType,
  '/ResourceQuota': {},
  '/LimitRange': {},
  '/Event': {},
  '/ComponentStatus': { conditions: merge('type') },
  'apps/Deployment': {
    ...podTemplate('spec.template.'),
    'spec.strategy': { strategy: ['retainKeys'] },
    ...conditionsByType,
  },
  'apps/ReplicaSet': { ...podTemplate('spec.template.'), ...conditionsByType },
  'apps/StatefulSet': { ...podTemplate('spec.template.'), ...conditionsByType },
  'apps/DaemonSet': { ...podTemplate('spec.template.'), ...conditionsByType },
  'apps/ControllerRevision': {},
  'batch/Job': { ...podTemplate('spec.template.'), ...conditionsByType },
  'batch/CronJob': {
    ...objectMeta('spec.jobTemplate.metadata.'),
    ...podTemplate('spec.jobTemplate.spec.template.'),
  },
  // autoscaling/v1 has no tags; v2 (and the v2 shape served for v1 storage) merges conditions by type.
  'autoscaling/HorizontalPodAutoscaler': conditionsByType,
  'networking.k8s.io/Ingress': {},
  'networking.k8s.io/IngressClass': {},
  'networking.k8s.io/NetworkPolicy': {},
  'policy/PodDisruptionBudget': { 'spec.selector': { strategy: ['replace'] }, ...conditionsByType },
  'rbac.authorization.k8s.io/Role': {},
  'rbac.authorization.k8s.io/ClusterRole': {},
  'rbac.authorization.k8s.io/RoleBinding': {},
  'rbac.authorization.k8s.io/ClusterRoleBinding': {},
  'events.k8s.io/Event': {},
  'coordination.k8s.io/Lease': {},
  'storage.k8s.io/StorageClass': {},
  'scheduling.k8s.io/PriorityClass': {},
};

const rootMeta = objectMeta('metadata.');

/** Whether (group, kind) is a built-in kind this table knows (strategic merge is refused otherwise). */
export function hasMergeInfo(group: string, kind: string): boolean {
  return `${group}/${kind}` in byKind;
}

/**
 * The lookup for one kind. The returned function takes a path as segments — field names, with the
 * literal segment `[]` standing for "an element of the list before it" — and returns the field's
 * tags, or undefined when the field carries none.
 * Example: `mergeInfoFor('', 'Pod')(['spec', 'containers', '[]', 'env'])` → `{strategy: ['merge'], key: 'name'}`.
 */
export function mergeInfoFor(group: string, kind: string): (path: string[]) => PatchMeta | undefined {
  const table: Table = { ...rootMeta, ...(byKind[`${group}/${kind}`] ?? {}) };
  return (path: string[]) => table[pathKey(path)];
}

/** Joins path segments the way the table is keyed: `spec.containers[].env`. */
export function pathKey(path: string[]): string {
  let out = '';
  for (const seg of path) {
    if (seg === '[]') out += '[]';
    else out += out ? `.${seg}` : seg;
  }
  return out;
}
