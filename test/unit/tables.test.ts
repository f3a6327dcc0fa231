import { describe, it, expect } from 'vitest';
import { printTable, humanDuration } from '../../src/apiserver/tables/index';
import { formatQuantity } from '../../src/apiserver/tables/quantity';

const NOW = new Date('2025-01-10T12:00:00Z');
/** ISO timestamp `s` seconds before NOW. */
const ago = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString();
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, creationTimestamp: ago(3600), ...extra });

function cells(resource: string, group: string, obj: any): unknown[] {
  return printTable(resource, group, [obj], NOW).rows[0].cells;
}
function columns(resource: string, group: string): [string, number][] {
  return printTable(resource, group, [], NOW).columnDefinitions.map((c) => [c.name, c.priority]);
}

describe('humanDuration matches apimachinery HumanDuration', () => {
  const cases: [number, string][] = [
    [0, '0s'], [59, '59s'], [119, '119s'], [120, '2m'], [150, '2m30s'], [599, '9m59s'], [600, '10m'],
    [179 * 60, '179m'], [3 * 3600, '3h'], [7 * 3600 + 5 * 60, '7h5m'], [8 * 3600 + 59 * 60, '8h'],
    [45 * 3600, '45h'], [48 * 3600, '2d'], [51 * 3600, '2d3h'], [5 * 86400, '5d'], [8 * 86400, '8d'],
    [400 * 86400, '400d'], [730 * 86400, '2y'], [830 * 86400, '2y100d'], [8 * 365 * 86400, '8y'],
  ];
  for (const [s, want] of cases) it(`${s}s → ${want}`, () => expect(humanDuration(s * 1000)).toBe(want));
  it('tolerates up to one second of clock skew, then reports <invalid>', () => {
    expect(humanDuration(-1500)).toBe('0s');
    expect(humanDuration(-2000)).toBe('<invalid>');
  });
});

describe('quantities print in canonical form', () => {
  const cases: [unknown, string][] = [
    ['1Gi', '1Gi'], ['1024Mi', '1Gi'], ['1.5Gi', '1536Mi'], ['0.5', '500m'], ['1.5', '1500m'], ['1500m', '1500m'],
    ['2000', '2k'], ['1e3', '1e3'], ['512', '512'], ['100Mi', '100Mi'], ['0', '0'], [undefined, '0'], [4, '4'],
  ];
  for (const [q, want] of cases) it(`${String(q)} → ${want}`, () => expect(formatQuantity(q)).toBe(want));
});

describe('pods table', () => {
  const pod = (status: any, spec: any = { containers: [{ name: 'app', image: 'nginx' }] }, extra = {}) => ({
    metadata: meta('p', extra), spec, status,
  });
  const running = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], podIPs: [{ ip: '10.244.0.5' }],
    containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: {} } }] };

  it('has the upstream columns with wide ones at priority 1', () => {
    expect(columns('pods', '')).toEqual([
      ['Name', 0], ['Ready', 0], ['Status', 0], ['Restarts', 0], ['Age', 0],
      ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1],
    ]);
    const def = printTable('pods', '', [], NOW).columnDefinitions[0];
    expect(def).toMatchObject({ name: 'Name', type: 'string', format: 'name', priority: 0 });
  });
  it('prints a running pod with wide cells', () => {
    const p = pod(running, { containers: [{ name: 'app' }], nodeName: 'node-1' });
    expect(cells('pods', '', p)).toEqual(['p', '1/1', 'Running', '0', '60m', '10.244.0.5', 'node-1', '<none>', '<none>']);
  });
  it('shows CrashLoopBackOff and restarts with the last restart age', () => {
    const p = pod({ phase: 'Running', containerStatuses: [{ name: 'app', ready: false, restartCount: 5,
      state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: ago(300) } } }] });
    expect(cells('pods', '', p).slice(1, 4)).toEqual(['0/1', 'CrashLoopBackOff', '5 (5m ago)']);
  });
  it('shows Completed with a Completed row condition', () => {
    const p = pod({ phase: 'Succeeded', containerStatuses: [{ name: 'app', restartCount: 0,
      state: { terminated: { exitCode: 0, reason: 'Completed' } } }] });
    const row = printTable('pods', '', [p], NOW).rows[0];
    expect(row.cells.slice(1, 4)).toEqual(['0/1', 'Completed', '0']);
    expect(row.conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
  });
  it('shows Error, OOMKilled and bare exit codes from terminated containers', () => {
    const term = (t: any, phase = 'Failed') => pod({ phase, containerStatuses: [{ name: 'app', state: { terminated: t } }] });
    expect(cells('pods', '', term({ exitCode: 1, reason: 'Error' }))[2]).toBe('Error');
    expect(printTable('pods', '', [term({ exitCode: 1, reason: 'Error' })], NOW).rows[0].conditions?.[0].reason).toBe('Failed');
    expect(cells('pods', '', term({ exitCode: 137, reason: 'OOMKilled' }, 'Running'))[2]).toBe('OOMKilled');
    expect(cells('pods', '', term({ exitCode: 2 }))[2]).toBe('ExitCode:2');
    expect(cells('pods', '', term({ exitCode: 0, signal: 9 }, 'Running'))[2]).toBe('Signal:9');
  });
  it('shows Terminating when deletionTimestamp is set on a non-terminal pod', () => {
    expect(cells('pods', '', pod(running, undefined, { deletionTimestamp: ago(5) }))[2]).toBe('Terminating');
    const done = pod({ phase: 'Succeeded', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] },
      undefined, { deletionTimestamp: ago(5) });
    expect(cells('pods', '', done)[2]).toBe('Completed');
  });
  it('shows NodeLost, or Unknown once the lost pod is being deleted', () => {
    expect(cells('pods', '', pod({ phase: 'Running', reason: 'NodeLost' }))[2]).toBe('NodeLost');
    expect(cells('pods', '', pod({ phase: 'Running', reason: 'NodeLost' }, undefined, { deletionTimestamp: ago(1) }))[2]).toBe('Unknown');
  });
  it('shows init progress and init waiting reasons', () => {
    const spec = { initContainers: [{ name: 'init' }], containers: [{ name: 'app' }] };
    const pending = (initState: any) => pod({ phase: 'Pending',
      initContainerStatuses: [{ name: 'init', state: initState }],
      containerStatuses: [{ name: 'app', state: { waiting: { reason: 'PodInitializing' } } }] }, spec);
    expect(cells('pods', '', pending({ running: {} })).slice(1, 3)).toEqual(['0/1', 'Init:0/1']);
    expect(cells('pods', '', pending({ waiting: { reason: 'ErrImagePull' } }))[2]).toBe('Init:ErrImagePull');
    expect(cells('pods', '', pending({ waiting: { reason: 'PodInitializing' } }))[2]).toBe('Init:0/1');
    expect(cells('pods', '', pending({ terminated: { exitCode: 1, reason: 'Error' } }))[2]).toBe('Init:Error');
    expect(cells('pods', '', pending({ terminated: { exitCode: 0 } }))[2]).toBe('PodInitializing');
  });
  it('shows ContainerCreating and SchedulingGated', () => {
    expect(cells('pods', '', pod({ phase: 'Pending', containerStatuses: [{ name: 'app', state: { waiting: { reason: 'ContainerCreating' } } }] }))[2])
      .toBe('ContainerCreating');
    expect(cells('pods', '', pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }))[2])
      .toBe('SchedulingGated');
    expect(cells('pods', '', pod({ phase: 'Pending' }))[2]).toBe('Pending');
  });
  it('counts started sidecar init containers as ready containers', () => {
    const spec = { initContainers: [{ name: 'side', restartPolicy: 'Always' }], containers: [{ name: 'app' }] };
    const p = pod({ phase: 'Running', conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }],
      initContainerStatuses: [{ name: 'side', started: true, ready: true, restartCount: 1, state: { running: {} } }],
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: {} } }] }, spec);
    expect(cells('pods', '', p).slice(1, 4)).toEqual(['2/2', 'Running', '1']);
  });
  it('turns Completed into NotReady while another container still runs', () => {
    const spec = { containers: [{ name: 'a' }, { name: 'b' }] };
    const p = pod({ phase: 'Running', containerStatuses: [
      { name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      { name: 'b', ready: true, state: { running: {} } }] }, spec);
    expect(cells('pods', '', p).slice(1, 3)).toEqual(['1/2', 'NotReady']);
  });
  it('counts readiness gates', () => {
    const p = pod({ ...running, conditions: [{ type: 'x', status: 'True' }, { type: 'y', status: 'False' }] },
      { containers: [{ name: 'app' }], readinessGates: [{ conditionType: 'x' }, { conditionType: 'y' }] });
    expect(cells('pods', '', p)[8]).toBe('1/2');
  });
});

describe('services table', () => {
  const svc = (spec: any, status: any = {}) => ({ metadata: meta('svc'), spec, status });
  it('prints ClusterIP services', () => {
    expect(cells('services', '', svc({ type: 'ClusterIP', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, protocol: 'TCP' }], selector: { app: 'web' } })))
      .toEqual(['svc', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP', '60m', 'app=web']);
  });
  it('prints NodePort ports as port:nodePort/proto', () => {
    expect(cells('services', '', svc({ type: 'NodePort', clusterIPs: ['10.96.1.1'],
      ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] })))
      .toEqual(['svc', 'NodePort', '10.96.1.1', '<none>', '80:30080/TCP,53/UDP', '60m', '<none>']);
  });
  it('prints <pending> for a LoadBalancer without ingress, else the sorted ingress points', () => {
    const lb = { type: 'LoadBalancer', clusterIPs: ['10.96.2.2'], ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }] };
    expect(cells('services', '', svc(lb))[3]).toBe('<pending>');
    expect(cells('services', '', svc(lb, { loadBalancer: { ingress: [{ hostname: 'lb.example.com' }, { ip: '1.2.3.4' }] } }))[3])
      .toBe('1.2.3.4,lb.example.com');
    expect(cells('services', '', svc({ ...lb, externalIPs: ['5.6.7.8'] }, { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } }))[3])
      .toBe('1.2.3.4,5.6.7.8');
  });
  it('prints the external name for ExternalName services', () => {
    expect(cells('services', '', svc({ type: 'ExternalName', externalName: 'db.example.com' })))
      .toEqual(['svc', 'ExternalName', '<none>', 'db.example.com', '<none>', '60m', '<none>']);
  });
  it('prints None for headless services', () => {
    expect(cells('services', '', svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 80, protocol: 'TCP' }] }))[2]).toBe('None');
  });
});

describe('workload tables', () => {
  const template = { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }, { name: 'side', image: 'busybox' }] } };
  it('prints deployments with READY ready/desired and selector strings', () => {
    expect(columns('deployments', 'apps').map((c) => c[0])).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
    const d = { metadata: meta('web'), spec: { replicas: 3, selector: { matchLabels: { b: '1' }, matchExpressions: [{ key: 'a', operator: 'In', values: ['y', 'x'] }] }, template },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } };
    expect(cells('deployments', 'apps', d)).toEqual(['web', '2/3', 3, 2, '60m', 'nginx,side', 'nginx:1.25,busybox', 'a in (x,y),b=1']);
  });
  it('prints a fresh deployment with zero counts', () => {
    const d = { metadata: meta('web'), spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template }, status: {} };
    expect(cells('deployments', 'apps', d).slice(0, 4)).toEqual(['web', '0/1', 0, 0]);
  });
  it('prints replicasets, statefulsets and daemonsets', () => {
    const sel = { matchLabels: { app: 'x' } };
    expect(cells('replicasets', 'apps', { metadata: meta('rs'), spec: { replicas: 2, selector: sel, template }, status: { replicas: 2, readyReplicas: 1 } }))
      .toEqual(['rs', 2, 2, 1, '60m', 'nginx,side', 'nginx:1.25,busybox', 'app=x']);
    expect(cells('statefulsets', 'apps', { metadata: meta('db'), spec: { replicas: 3, selector: sel, template }, status: { readyReplicas: 3 } }))
      .toEqual(['db', '3/3', '60m', 'nginx,side', 'nginx:1.25,busybox']);
    const ds = { metadata: meta('ds'), spec: { selector: sel, template: { spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } } } },
      status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 1 } };
    expect(cells('daemonsets', 'apps', ds)).toEqual(['ds', 2, 2, 1, 2, 1, 'kubernetes.io/os=linux', '60m', 'nginx,side', 'nginx:1.25,busybox', 'app=x']);
  });
  it('prints controllerrevisions with their controller', () => {
    const cr = { metadata: meta('web-abc', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u', controller: true }] }), revision: 2 };
    expect(cells('controllerrevisions', 'apps', cr)).toEqual(['web-abc', 'statefulset.apps/web', 2, '60m']);
  });
});

describe('nodes and namespaces tables', () => {
  const node = (extra: any = {}, status: any = { conditions: [{ type: 'Ready', status: 'True' }] }) => ({
    metadata: meta('node-1', { labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'node-1' } }),
    spec: extra, status: { ...status, nodeInfo: { kubeletVersion: 'v1.33.1', osImage: 'Debian GNU/Linux 12', kernelVersion: '6.1.0', containerRuntimeVersion: 'containerd://1.7.0' },
      addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'node-1' }] },
  });
  it('prints a ready control-plane node with wide cells', () => {
    expect(cells('nodes', '', node())).toEqual(['node-1', 'Ready', 'control-plane', '60m', 'v1.33.1',
      '172.18.0.2', '<none>', 'Debian GNU/Linux 12', '6.1.0', 'containerd://1.7.0']);
  });
  it('adds SchedulingDisabled for cordoned nodes and reports NotReady/Unknown', () => {
    expect(cells('nodes', '', node({ unschedulable: true }))[1]).toBe('Ready,SchedulingDisabled');
    expect(cells('nodes', '', node({}, { conditions: [{ type: 'Ready', status: 'False' }] }))[1]).toBe('NotReady');
    expect(cells('nodes', '', node({}, {}))[1]).toBe('Unknown');
  });
  it('prints <none> roles and <unknown> node info when missing', () => {
    const n = { metadata: meta('w'), spec: {}, status: {} };
    expect(cells('nodes', '', n)).toEqual(['w', 'Unknown', '<none>', '60m', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });
  it('prints namespaces with their phase', () => {
    expect(columns('namespaces', '').map((c) => c[0])).toEqual(['Name', 'Status', 'Age']);
    expect(cells('namespaces', '', { metadata: meta('default'), status: { phase: 'Active' } })).toEqual(['default', 'Active', '60m']);
  });
});

describe('batch tables', () => {
  const job = (spec: any, status: any, extra = {}) => ({ metadata: meta('job', extra), spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } }, ...spec }, status });
  it('prints a running job with its elapsed duration', () => {
    expect(cells('jobs', 'batch', job({ completions: 1, parallelism: 1, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } } }, { startTime: ago(90), active: 1 })))
      .toEqual(['job', 'Running', '0/1', '90s', '60m', 'pi', 'perl', 'batch.kubernetes.io/controller-uid=u1']);
  });
  it('prints a complete job with start-to-completion duration', () => {
    expect(cells('jobs', 'batch', job({ completions: 1 }, { startTime: ago(600), completionTime: ago(420), succeeded: 1,
      conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }] })).slice(0, 4))
      .toEqual(['job', 'Complete', '1/1', '3m']);
  });
  it('prints failed, suspended and terminating jobs and parallel completions', () => {
    expect(cells('jobs', 'batch', job({ completions: 2 }, { conditions: [{ type: 'Failed', status: 'True' }] }))[1]).toBe('Failed');
    expect(cells('jobs', 'batch', job({}, { conditions: [{ type: 'Suspended', status: 'True' }] }))[1]).toBe('Suspended');
    expect(cells('jobs', 'batch', job({}, {}, { deletionTimestamp: ago(1) }))[1]).toBe('Terminating');
    expect(cells('jobs', 'batch', job({ parallelism: 3 }, { succeeded: 1 })).slice(2, 4)).toEqual(['1/1 of 3', '']);
  });
  it('prints cronjobs', () => {
    expect(columns('cronjobs', 'batch').map((c) => c[0])).toEqual(['Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age', 'Containers', 'Images', 'Selector']);
    const cj = { metadata: meta('cj'), spec: { schedule: '*/5 * * * *', suspend: false, jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } } },
      status: { active: [{ name: 'cj-1' }], lastScheduleTime: ago(120) } };
    expect(cells('cronjobs', 'batch', cj)).toEqual(['cj', '*/5 * * * *', '<none>', 'False', 1, '2m', '60m', 'c', 'busybox', '<none>']);
    const never = { metadata: meta('cj'), spec: { schedule: '@daily', timeZone: 'Etc/UTC', suspend: true, jobTemplate: { spec: { template: { spec: {} } } } }, status: {} };
    expect(cells('cronjobs', 'batch', never).slice(1, 6)).toEqual(['@daily', 'Etc/UTC', 'True', 0, '<none>']);
  });
});

describe('horizontalpodautoscalers table', () => {
  const hpa = (spec: any, status: any = {}) => ({ metadata: meta('web'), spec: { scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, maxReplicas: 10, ...spec }, status });
  const cpu = (u: number) => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: u } } });
  it('prints current/target utilization', () => {
    expect(cells('horizontalpodautoscalers', 'autoscaling', hpa({ minReplicas: 1, metrics: [cpu(50)] },
      { currentReplicas: 2, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 20, averageValue: '100m' } } }] })))
      .toEqual(['web', 'Deployment/web', 'cpu: 20%/50%', '1', 10, 2, '60m']);
  });
  it('prints <unknown> before metrics arrive and <unset> without minReplicas', () => {
    expect(cells('horizontalpodautoscalers', 'autoscaling', hpa({ metrics: [cpu(50)] })).slice(2, 6)).toEqual(['cpu: <unknown>/50%', '<unset>', 10, 0]);
  });
  it('prints value targets, more-than-two metrics and empty metrics', () => {
    const mem = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } };
    const pods = { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } };
    expect(cells('horizontalpodautoscalers', 'autoscaling', hpa({ metrics: [mem, pods, cpu(80)] },
      { currentMetrics: [{ type: 'Resource', resource: { name: 'memory', current: { averageValue: '300Mi' } } }] }))[2])
      .toBe('memory: 300Mi/500Mi, <unknown>/1k + 1 more...');
    expect(cells('horizontalpodautoscalers', 'autoscaling', hpa({ metrics: [] }))[2]).toBe('<none>');
  });
  it('reads autoscaling/v1 cpu percentages', () => {
    expect(cells('horizontalpodautoscalers', 'autoscaling', hpa({ targetCPUUtilizationPercentage: 80 }, { currentCPUUtilizationPercentage: 12 }))[2])
      .toBe('cpu: 12%/80%');
  });
});

describe('storage tables', () => {
  it('marks the default storage class and applies defaults', () => {
    const sc = { metadata: meta('standard', { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }),
      provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' };
    expect(cells('storageclasses', 'storage.k8s.io', sc)).toEqual(['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '60m']);
    expect(cells('storageclasses', 'storage.k8s.io', { metadata: meta('fast'), provisioner: 'x', reclaimPolicy: 'Retain', allowVolumeExpansion: true }))
      .toEqual(['fast', 'x', 'Retain', 'Immediate', true, '60m']);
  });
  it('prints bound and pending claims', () => {
    const spec = { storageClassName: 'standard', volumeMode: 'Filesystem', resources: { requests: { storage: '1Gi' } } };
    expect(cells('persistentvolumeclaims', '', { metadata: meta('data'), spec: { ...spec, volumeName: 'pvc-1' },
      status: { phase: 'Bound', capacity: { storage: '1024Mi' }, accessModes: ['ReadWriteOnce'] } }))
      .toEqual(['data', 'Bound', 'pvc-1', '1Gi', 'RWO', 'standard', '<unset>', '60m', 'Filesystem']);
    expect(cells('persistentvolumeclaims', '', { metadata: meta('data'), spec, status: { phase: 'Pending' } }))
      .toEqual(['data', 'Pending', '', '', '', 'standard', '<unset>', '60m', 'Filesystem']);
  });
  it('prints persistent volumes', () => {
    const pv = { metadata: meta('pvc-1'), spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Delete', claimRef: { namespace: 'default', name: 'data' }, storageClassName: 'standard', volumeMode: 'Filesystem' },
      status: { phase: 'Bound' } };
    expect(cells('persistentvolumes', '', pv)).toEqual(['pvc-1', '1Gi', 'RWO,RWX', 'Delete', 'Bound', 'default/data', 'standard', '<unset>', '', '60m', 'Filesystem']);
  });
});

describe('events table', () => {
  it('prints core events with wide cells', () => {
    expect(columns('events', '')).toEqual([['Last Seen', 0], ['Type', 0], ['Reason', 0], ['Object', 0], ['Subobject', 1],
      ['Source', 1], ['Message', 0], ['First Seen', 1], ['Count', 1], ['Name', 1]]);
    const ev = { metadata: meta('web-1.abc'), involvedObject: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{app}' },
      reason: 'Pulled', message: ' Pulled image \n', type: 'Normal', source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: ago(600), lastTimestamp: ago(120), count: 3 };
    expect(cells('events', '', ev)).toEqual(['2m', 'Normal', 'Pulled', 'pod/web-1', 'spec.containers{app}', 'kubelet, node-1', 'Pulled image', '10m', 3, 'web-1.abc']);
  });
  it('prints events.k8s.io events from eventTime and reporting fields', () => {
    const ev = { metadata: meta('web-1.def'), regarding: { kind: 'Pod', name: 'web-1' }, note: 'Successfully assigned default/web-1 to node-1',
      reason: 'Scheduled', type: 'Normal', eventTime: ago(30), reportingController: 'default-scheduler', reportingInstance: '' };
    expect(cells('events', 'events.k8s.io', ev)).toEqual(['30s', 'Normal', 'Scheduled', 'pod/web-1', '', 'default-scheduler',
      'Successfully assigned default/web-1 to node-1', '30s', 1, 'web-1.def']);
  });
  it('uses the series for repeated events', () => {
    const ev = { metadata: meta('e'), involvedObject: { kind: 'Node' }, reason: 'R', type: 'Warning', eventTime: ago(900),
      series: { count: 7, lastObservedTime: ago(10) } };
    const c = cells('events', '', ev);
    expect([c[0], c[3], c[7], c[8]]).toEqual(['10s', 'node', '15m', 7]);
  });
});

describe('other tables', () => {
  it('prints configmaps, secrets and serviceaccounts counts', () => {
    expect(cells('configmaps', '', { metadata: meta('cm'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } })).toEqual(['cm', 3, '60m']);
    expect(cells('secrets', '', { metadata: meta('s'), type: 'Opaque', data: { a: 'eA==' } })).toEqual(['s', 'Opaque', 1, '60m']);
    expect(cells('serviceaccounts', '', { metadata: meta('default') })).toEqual(['default', 0, '60m']);
  });
  it('prints endpoints with at most three addresses', () => {
    const ep = { metadata: meta('web'), subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80 }, { port: 443 }] }] };
    expect(cells('endpoints', '', ep)[1]).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...');
    expect(cells('endpoints', '', { metadata: meta('x') })[1]).toBe('<none>');
  });
  it('prints resource quota usage after its age (the column order upstream prints), split into requests and limits', () => {
    const rq = { metadata: meta('q'), status: { hard: { 'requests.cpu': '1', 'limits.memory': '2Gi', pods: '10', 'requests.memory': '1Gi' }, used: { 'requests.cpu': '0', pods: '2' } } };
    expect(cells('resourcequotas', '', rq)).toEqual(['q', '60m', 'pods: 2/10, requests.cpu: 0/1, requests.memory: 0/1Gi', 'limits.memory: 0/2Gi']);
  });
  it('prints ingresses, endpointslices and rolebindings', () => {
    const ing = { metadata: meta('ing'), spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }, {}], tls: [{ hosts: ['a.example.com'] }] },
      status: { loadBalancer: { ingress: [{ ip: '172.18.0.5' }] } } };
    expect(cells('ingresses', 'networking.k8s.io', ing)).toEqual(['ing', 'nginx', 'a.example.com', '172.18.0.5', '80, 443', '60m']);
    const es = { metadata: meta('web-x'), addressType: 'IPv4', ports: [{ port: 80, name: 'http' }], endpoints: [{ addresses: ['10.0.0.1'] }] };
    expect(cells('endpointslices', 'discovery.k8s.io', es)).toEqual(['web-x', 'IPv4', '80', '10.0.0.1', '60m']);
    expect(cells('endpointslices', 'discovery.k8s.io', { metadata: meta('e'), addressType: 'IPv4' }).slice(2, 4)).toEqual(['<unset>', '<unset>']);
    const rb = { metadata: meta('rb'), roleRef: { kind: 'Role', name: 'reader', apiGroup: 'rbac.authorization.k8s.io' },
      subjects: [{ kind: 'User', name: 'alice' }, { kind: 'Group', name: 'devs' }, { kind: 'ServiceAccount', name: 'builder', namespace: 'default' }, { kind: 'User', name: 'bob' }] };
    expect(cells('rolebindings', 'rbac.authorization.k8s.io', rb)).toEqual(['rb', 'Role/reader', '60m', 'alice, bob', 'devs', 'default/builder']);
  });
  it('prints leases, pod disruption budgets, priority classes and CSRs', () => {
    expect(cells('leases', 'coordination.k8s.io', { metadata: meta('node-1'), spec: { holderIdentity: 'node-1' } })).toEqual(['node-1', 'node-1', '60m']);
    expect(cells('poddisruptionbudgets', 'policy', { metadata: meta('pdb'), spec: { minAvailable: '50%' }, status: { disruptionsAllowed: 1 } }))
      .toEqual(['pdb', '50%', 'N/A', 1, '60m']);
    expect(cells('priorityclasses', 'scheduling.k8s.io', { metadata: meta('high'), value: 1000, preemptionPolicy: 'PreemptLowerPriority' }))
      .toEqual(['high', 1000, false, '60m', 'PreemptLowerPriority']);
    const csr = { metadata: meta('csr-1'), spec: { signerName: 'kubernetes.io/kube-apiserver-client', username: 'alice', expirationSeconds: 86400 },
      status: { conditions: [{ type: 'Approved', status: 'True' }], certificate: 'LS0t' } };
    expect(cells('certificatesigningrequests', 'certificates.k8s.io', csr)).toEqual(['csr-1', '60m', 'kubernetes.io/kube-apiserver-client', 'alice', '24h', 'Approved,Issued']);
  });
  it('falls back to NAME / CREATED AT for kinds without a printer (roles, limitranges)', () => {
    const t = printTable('roles', 'rbac.authorization.k8s.io', [{ metadata: { name: 'reader', creationTimestamp: '2025-01-01T00:00:00.123Z' } }], NOW);
    expect(t.columnDefinitions.map((c) => [c.name, c.type, c.format])).toEqual([['Name', 'string', 'name'], ['Created At', 'date', '']]);
    expect(t.rows[0].cells).toEqual(['reader', '2025-01-01T00:00:00Z']);
    expect(printTable('limitranges', '', [{ metadata: { name: 'lr' } }], NOW).rows[0].cells).toEqual(['lr', '0001-01-01T00:00:00Z']);
  });
  it('prints <unknown> age when creationTimestamp is missing', () => {
    expect(cells('namespaces', '', { metadata: { name: 'x' }, status: { phase: 'Active' } })[2]).toBe('<unknown>');
  });
});

describe('API machinery tables', () => {
  it('apiservices: Local or the service, and the Available condition', () => {
    expect(columns('apiservices', 'apiregistration.k8s.io')).toEqual([['Name', 0], ['Service', 0], ['Available', 0], ['Age', 0]]);
    const cond = (status: string, reason?: string) => ({ status: { conditions: [{ type: 'Available', status, reason }] } });
    expect(cells('apiservices', 'apiregistration.k8s.io', { metadata: meta('v1.apps'), spec: {}, ...cond('True', 'Local') })).toEqual(['v1.apps', 'Local', 'True', '60m']);
    expect(cells('apiservices', 'apiregistration.k8s.io', { metadata: meta('v1beta1.metrics.k8s.io'), spec: { service: { namespace: 'kube-system', name: 'metrics-server' } }, ...cond('False', 'MissingEndpoints') }))
      .toEqual(['v1beta1.metrics.k8s.io', 'kube-system/metrics-server', 'False (MissingEndpoints)', '60m']);
    expect(cells('apiservices', 'apiregistration.k8s.io', { metadata: meta('v1.x'), spec: {} })[2]).toBe('Unknown');
  });

  it('flowschemas and prioritylevelconfigurations', () => {
    const fs = { metadata: meta('exempt'), spec: { priorityLevelConfiguration: { name: 'exempt' }, matchingPrecedence: 1 }, status: { conditions: [{ type: 'Dangling', status: 'False' }] } };
    expect(cells('flowschemas', 'flowcontrol.apiserver.k8s.io', fs)).toEqual(['exempt', 'exempt', 1, '<none>', '60m', 'False']);
    const byUser = { ...fs, spec: { ...fs.spec, distinguisherMethod: { type: 'ByUser' } }, status: {} };
    expect(cells('flowschemas', 'flowcontrol.apiserver.k8s.io', byUser).slice(3)).toEqual(['ByUser', '60m', '?']);
    const queued = { metadata: meta('workload-low'), spec: { type: 'Limited', limited: { nominalConcurrencyShares: 100, limitResponse: { type: 'Queue', queuing: { queues: 128, handSize: 6, queueLengthLimit: 50 } } } } };
    expect(cells('prioritylevelconfigurations', 'flowcontrol.apiserver.k8s.io', queued)).toEqual(['workload-low', 'Limited', 100, 128, 6, 50, '60m']);
    const exempt = { metadata: meta('exempt'), spec: { type: 'Exempt', exempt: {} } };
    expect(cells('prioritylevelconfigurations', 'flowcontrol.apiserver.k8s.io', exempt)).toEqual(['exempt', 'Exempt', '<none>', '<none>', '<none>', '<none>', '60m']);
  });

  it('validatingadmissionpolicies and their bindings', () => {
    const vap = { metadata: meta('replicas'), spec: { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, validations: [{ expression: 'true' }, { expression: 'false' }] } };
    expect(cells('validatingadmissionpolicies', 'admissionregistration.k8s.io', vap)).toEqual(['replicas', 2, 'v1/ConfigMap', '60m']);
    expect(cells('validatingadmissionpolicies', 'admissionregistration.k8s.io', { metadata: meta('p'), spec: {} })).toEqual(['p', 0, '<unset>', '60m']);
    const b = (paramRef?: unknown) => ({ metadata: meta('b'), spec: { policyName: 'replicas', paramRef } });
    expect(cells('validatingadmissionpolicybindings', 'admissionregistration.k8s.io', b({ name: 'limits', namespace: 'default' }))).toEqual(['b', 'replicas', 'default/limits', '60m']);
    expect(cells('validatingadmissionpolicybindings', 'admissionregistration.k8s.io', b({ name: 'limits' }))[2]).toBe('*/limits');
    expect(cells('validatingadmissionpolicybindings', 'admissionregistration.k8s.io', b())[2]).toBe('<unset>');
  });

  it('CSI kinds, ServiceCIDRs and IPAddresses (no AGE for capacities and addresses, as upstream)', () => {
    expect(cells('csidrivers', 'storage.k8s.io', { metadata: meta('hostpath.csi.k8s.io'), spec: { volumeLifecycleModes: ['Persistent', 'Ephemeral'] } }))
      .toEqual(['hostpath.csi.k8s.io', true, false, false, '<unset>', false, 'Persistent,Ephemeral', '60m']);
    expect(cells('csinodes', 'storage.k8s.io', { metadata: meta('worker-1'), spec: { drivers: [{ name: 'a' }] } })).toEqual(['worker-1', 1, '60m']);
    expect(columns('csistoragecapacities', 'storage.k8s.io').map((c) => c[0])).toEqual(['Name', 'StorageClassName', 'Capacity']);
    expect(cells('csistoragecapacities', 'storage.k8s.io', { metadata: meta('c'), storageClassName: 'fast', capacity: '1024Mi' })).toEqual(['c', 'fast', '1Gi']);
    expect(cells('volumeattachments', 'storage.k8s.io', { metadata: meta('csi-1'), spec: { attacher: 'x.csi', nodeName: 'worker-1', source: { persistentVolumeName: 'pv1' } }, status: { attached: true } }))
      .toEqual(['csi-1', 'x.csi', 'pv1', 'worker-1', true, '60m']);
    expect(cells('servicecidrs', 'networking.k8s.io', { metadata: meta('kubernetes'), spec: { cidrs: ['10.96.0.0/12', 'fd00::/108'] } })).toEqual(['kubernetes', '10.96.0.0/12,fd00::/108', '60m']);
    expect(columns('ipaddresses', 'networking.k8s.io').map((c) => c[0])).toEqual(['Name', 'ParentRef']);
    expect(cells('ipaddresses', 'networking.k8s.io', { metadata: meta('10.96.0.1'), spec: { parentRef: { group: '', resource: 'services', namespace: 'default', name: 'kubernetes' } } }))
      .toEqual(['10.96.0.1', 'services/default/kubernetes']);
    expect(cells('ipaddresses', 'networking.k8s.io', { metadata: meta('10.1.0.1'), spec: { parentRef: { group: 'gateway.networking.k8s.io', resource: 'Gateways', name: 'gw' } } }))
      .toEqual(['10.1.0.1', 'gateways.gateway.networking.k8s.io/gw']);
  });
});
