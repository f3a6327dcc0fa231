/**
 * The API Priority and Fairness configuration kube-apiserver maintains (its apf bootstrap
 * post-start hook, pkg/apis/flowcontrol/bootstrap, v1.33): the mandatory and suggested
 * PriorityLevelConfigurations and FlowSchemas, each marked for auto-update. kubeplay stores and
 * serves them; it does not queue requests by them (its own per-tenant limits apply instead).
 */
import type { KubeObject } from '../../apiserver/types';

const AUTO_UPDATE = { 'apf.kubernetes.io/autoupdate-spec': 'true' };
const API_VERSION = 'flowcontrol.apiserver.k8s.io/v1';

type Queue = [queues: number, handSize: number, queueLengthLimit: number];

/** [name, nominalConcurrencyShares, lendablePercent, queuing or Reject] of each Limited level. */
const LIMITED: [string, number, number, Queue | 'Reject'][] = [
  ['catch-all', 5, 0, 'Reject'],
  ['global-default', 20, 50, [128, 6, 50]],
  ['leader-election', 10, 0, [16, 4, 50]],
  ['node-high', 40, 25, [64, 6, 50]],
  ['system', 30, 33, [64, 6, 50]],
  ['workload-high', 40, 50, [128, 6, 50]],
  ['workload-low', 100, 90, [128, 6, 50]],
];

/** The default PriorityLevelConfigurations, created at `now`. */
export function defaultPriorityLevels(now: string): KubeObject[] {
  const meta = (name: string) => ({ name, annotations: { ...AUTO_UPDATE }, creationTimestamp: now, generation: 1 });
  const exempt: KubeObject = {
    apiVersion: API_VERSION, kind: 'PriorityLevelConfiguration', metadata: meta('exempt'),
    spec: { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } }, status: {},
  };
  const limited = LIMITED.map(([name, ncs, lendable, response]): KubeObject => ({
    apiVersion: API_VERSION, kind: 'PriorityLevelConfiguration', metadata: meta(name),
    spec: {
      type: 'Limited',
      limited: {
        nominalConcurrencyShares: ncs, lendablePercent: lendable,
        limitResponse: response === 'Reject' ? { type: 'Reject' } : { type: 'Queue', queuing: { queues: response[0], handSize: response[1], queueLengthLimit: response[2] } },
      },
    },
    status: {},
  }));
  return [exempt, ...limited];
}

type Subject = Record<string, unknown>;
const group = (name: string): Subject => ({ kind: 'Group', group: { name } });
const user = (name: string): Subject => ({ kind: 'User', user: { name } });
const kubeSystemSA = (name: string): Subject => ({ kind: 'ServiceAccount', serviceAccount: { namespace: 'kube-system', name } });
const EVERYONE = [group('system:unauthenticated'), group('system:authenticated')];

const ALL_RESOURCES = [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], clusterScope: true, namespaces: ['*'] }];
const ALL_NON_RESOURCES = [{ verbs: ['*'], nonResourceURLs: ['*'] }];
const everything = (subjects: Subject[]) => ({ subjects, resourceRules: ALL_RESOURCES, nonResourceRules: ALL_NON_RESOURCES });
const leases = (subjects: Subject[]) => ({
  subjects,
  resourceRules: [{ verbs: ['get', 'create', 'update'], apiGroups: ['coordination.k8s.io'], resources: ['leases'], namespaces: ['*'] }],
});

/** [name, priority level, matchingPrecedence, distinguisher, rules] of each default FlowSchema. */
const SCHEMAS: [string, string, number, 'ByUser' | 'ByNamespace' | null, Record<string, unknown>[]][] = [
  ['exempt', 'exempt', 1, null, [everything([group('system:masters')])]],
  ['probes', 'exempt', 2, null, [{ subjects: EVERYONE, nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/readyz', '/livez'] }] }]],
  ['system-leader-election', 'leader-election', 100, 'ByUser', [leases([user('system:kube-controller-manager'), user('system:kube-scheduler'), kubeSystemSA('*')])]],
  ['endpoint-controller', 'workload-high', 150, 'ByUser', [{
    subjects: [user('system:kube-controller-manager'), kubeSystemSA('endpoint-controller'), kubeSystemSA('endpointslicemirroring-controller')],
    resourceRules: [{ verbs: ['get', 'create', 'update'], apiGroups: [''], resources: ['endpoints'], namespaces: ['*'] }],
  }]],
  ['workload-leader-election', 'leader-election', 200, 'ByUser', [leases([kubeSystemSA('*')])]],
  ['system-node-high', 'node-high', 400, 'ByUser', [{
    subjects: [group('system:nodes')],
    resourceRules: [
      { verbs: ['*'], apiGroups: [''], resources: ['nodes', 'nodes/status'], clusterScope: true },
      { verbs: ['*'], apiGroups: ['coordination.k8s.io'], resources: ['leases'], namespaces: ['*'] },
    ],
  }]],
  ['system-nodes', 'system', 500, 'ByUser', [everything([group('system:nodes')])]],
  ['kube-controller-manager', 'workload-high', 800, 'ByNamespace', [everything([user('system:kube-controller-manager')])]],
  ['kube-scheduler', 'workload-high', 800, 'ByNamespace', [everything([user('system:kube-scheduler')])]],
  ['kube-system-service-accounts', 'workload-high', 900, 'ByNamespace', [everything([kubeSystemSA('*')])]],
  ['service-accounts', 'workload-low', 9000, 'ByUser', [everything([group('system:serviceaccounts')])]],
  ['global-default', 'global-default', 9900, 'ByUser', [everything(EVERYONE)]],
  ['catch-all', 'catch-all', 10000, 'ByUser', [everything(EVERYONE)]],
];

/** The default FlowSchemas, created at `now`, each with its Dangling=False condition. */
export function defaultFlowSchemas(now: string): KubeObject[] {
  return SCHEMAS.map(([name, level, precedence, distinguisher, rules]) => ({
    apiVersion: API_VERSION,
    kind: 'FlowSchema',
    metadata: { name, annotations: { ...AUTO_UPDATE }, creationTimestamp: now, generation: 1 },
    spec: {
      priorityLevelConfiguration: { name: level },
      matchingPrecedence: precedence,
      ...(distinguisher ? { distinguisherMethod: { type: distinguisher } } : {}),
      rules: structuredClone(rules),
    },
    status: {
      conditions: [{
        type: 'Dangling', status: 'False', lastTransitionTime: now, reason: 'Found',
        message: `This FlowSchema references the PriorityLevelConfiguration object named "${level}" and it exists`,
      }],
    },
  }));
}
