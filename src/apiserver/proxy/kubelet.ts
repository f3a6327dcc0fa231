/**
 * What a node's kubelet answers on its port (10250) to the paths a user reaches through
 * `nodes/NAME/proxy/…`: /healthz, /pods, /stats/summary, /configz, /metrics and
 * /metrics/resource, worded and shaped as the kubelet's server (pkg/kubelet/server) answers.
 * Anything else is Go's `404 page not found`.
 */
import type { ControllerContext } from '../../controllers/types';
import type { KubeObject } from '../types';
import { podMetrics, nodeMetrics } from '../../sim/metrics';
import { parseQuantity } from '../../sim/kubelet/quantity';
import { servedLoad } from '../../sim/load';

/** A kubelet answer: status, headers and body text. */
export interface KubeletAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

const TEXT: [string, string] = ['Content-Type', 'text/plain; charset=utf-8'];
const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];

const text = (status: number, body: string): KubeletAnswer => ({ status, headers: [TEXT], body });
const json = (body: unknown): KubeletAnswer => ({ status: 200, headers: [JSON_TYPE], body: JSON.stringify(body) });

/** The KubeletConfiguration a kubeadm node runs with (the fields /configz users look for). */
function kubeletConfig(node: KubeObject): Record<string, unknown> {
  return {
    enableServer: true,
    staticPodPath: '/etc/kubernetes/manifests',
    syncFrequency: '1m0s',
    fileCheckFrequency: '20s',
    httpCheckFrequency: '20s',
    address: '0.0.0.0',
    port: 10250,
    tlsCertFile: '/var/lib/kubelet/pki/kubelet.crt',
    tlsPrivateKeyFile: '/var/lib/kubelet/pki/kubelet.key',
    rotateCertificates: true,
    authentication: { x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' }, webhook: { enabled: true, cacheTTL: '2m0s' }, anonymous: { enabled: false } },
    authorization: { mode: 'Webhook', webhook: { cacheAuthorizedTTL: '5m0s', cacheUnauthorizedTTL: '30s' } },
    healthzPort: 10248,
    healthzBindAddress: '127.0.0.1',
    clusterDomain: 'cluster.local',
    clusterDNS: ['10.96.0.10'],
    nodeStatusUpdateFrequency: '10s',
    nodeStatusReportFrequency: '5m0s',
    cgroupDriver: 'systemd',
    cpuManagerPolicy: 'none',
    memoryManagerPolicy: 'None',
    maxPods: Number(node.status?.capacity?.pods ?? 110),
    podPidsLimit: -1,
    evictionHard: { 'imagefs.available': '15%', 'memory.available': '100Mi', 'nodefs.available': '10%', 'nodefs.inodesFree': '5%' },
    containerRuntimeEndpoint: 'unix:///run/containerd/containerd.sock',
    failSwapOn: true,
    shutdownGracePeriod: '0s',
  };
}

const nanos = (q: string | undefined) => Math.round((parseQuantity(q ?? '0') ?? 0) * 1e9);
const bytes = (q: string | undefined) => Math.round(parseQuantity(q ?? '0') ?? 0);

/** The kubelet's /stats/summary (stats/v1alpha1 Summary): node and per-pod CPU and memory. */
function summary(ctx: ControllerContext, node: KubeObject, pods: KubeObject[]): unknown {
  const load = servedLoad(ctx);
  const time = new Date(ctx.now().getTime() - 5000).toISOString().replace(/\.\d+Z$/, 'Z');
  const nm = nodeMetrics(ctx, node, load);
  const capacity = bytes(node.status?.capacity?.memory);
  const nodeMem = bytes(nm.usage.memory);
  return {
    node: {
      nodeName: node.metadata.name,
      startTime: node.metadata.creationTimestamp,
      cpu: { time, usageNanoCores: nanos(nm.usage.cpu) },
      memory: { time, availableBytes: Math.max(0, capacity - nodeMem), usageBytes: nodeMem, workingSetBytes: nodeMem },
    },
    pods: pods.flatMap((pod) => {
      const m = podMetrics(ctx, pod, load);
      if (!m) return [];
      const cs = (m.containers as any[]).map((c) => ({
        name: c.name,
        startTime: pod.status?.startTime,
        cpu: { time, usageNanoCores: nanos(c.usage.cpu) },
        memory: { time, usageBytes: bytes(c.usage.memory), workingSetBytes: bytes(c.usage.memory) },
      }));
      return [
        {
          podRef: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
          startTime: pod.status?.startTime,
          containers: cs,
          cpu: { time, usageNanoCores: cs.reduce((s, c) => s + c.cpu.usageNanoCores, 0) },
          memory: { time, usageBytes: cs.reduce((s, c) => s + c.memory.usageBytes, 0), workingSetBytes: cs.reduce((s, c) => s + c.memory.workingSetBytes, 0) },
        },
      ];
    }),
  };
}

/** /metrics/resource: the Prometheus text metrics-server scrapes. */
function resourceMetrics(ctx: ControllerContext, node: KubeObject, pods: KubeObject[]): string {
  const load = servedLoad(ctx);
  const ms = ctx.now().getTime();
  const nm = nodeMetrics(ctx, node, load);
  const up = Math.max(1, (ms - Date.parse(node.metadata.creationTimestamp ?? new Date(ms).toISOString())) / 1000);
  const lines = [
    '# HELP container_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the container in core-seconds',
    '# TYPE container_cpu_usage_seconds_total counter',
  ];
  const mem: string[] = ['# HELP container_memory_working_set_bytes [STABLE] Current working set of the container in bytes', '# TYPE container_memory_working_set_bytes gauge'];
  for (const pod of pods) {
    const m = podMetrics(ctx, pod, load);
    for (const c of (m?.containers as any[]) ?? []) {
      const labels = `container="${c.name}",namespace="${pod.metadata.namespace}",pod="${pod.metadata.name}"`;
      lines.push(`container_cpu_usage_seconds_total{${labels}} ${((nanos(c.usage.cpu) / 1e9) * up).toFixed(6)} ${ms}`);
      mem.push(`container_memory_working_set_bytes{${labels}} ${bytes(c.usage.memory)} ${ms}`);
    }
  }
  return [
    ...lines,
    ...mem,
    '# HELP node_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the node in core-seconds',
    '# TYPE node_cpu_usage_seconds_total counter',
    `node_cpu_usage_seconds_total ${((nanos(nm.usage.cpu) / 1e9) * up).toFixed(6)} ${ms}`,
    '# HELP node_memory_working_set_bytes [STABLE] Current working set of the node in bytes',
    '# TYPE node_memory_working_set_bytes gauge',
    `node_memory_working_set_bytes ${bytes(nm.usage.memory)} ${ms}`,
    '',
  ].join('\n');
}

/** The kubelet's own /metrics (a few of its series). */
function kubeletMetrics(node: KubeObject, pods: KubeObject[]): string {
  const running = pods.filter((p) => p.status?.phase === 'Running');
  return [
    '# HELP kubelet_running_pods [ALPHA] Number of pods that have a running pod sandbox',
    '# TYPE kubelet_running_pods gauge',
    `kubelet_running_pods ${running.length}`,
    '# HELP kubelet_running_containers [ALPHA] Number of containers currently running',
    '# TYPE kubelet_running_containers gauge',
    `kubelet_running_containers{container_state="running"} ${running.reduce((n, p) => n + (p.status?.containerStatuses ?? []).filter((s: any) => s.state?.running).length, 0)}`,
    '# HELP kubernetes_build_info [ALPHA] A metric with a constant \'1\' value labeled by major, minor, git version, git commit, git tree state, build date, Go version, and compiler from which Kubernetes was built, and platform on which it is running.',
    '# TYPE kubernetes_build_info gauge',
    `kubernetes_build_info{git_version="${node.status?.nodeInfo?.kubeletVersion ?? 'v1.33.1'}",major="1",minor="33",platform="linux/amd64"} 1`,
    '',
  ].join('\n');
}

/** The kubelet of `node` answering `method path` (path with its query). */
export function kubeletAnswer(ctx: ControllerContext, node: KubeObject, method: string, path: string): KubeletAnswer {
  const p = path.split('?')[0] || '/';
  const pods = ctx.store
    .list('pods')
    .map((e) => e.obj)
    .filter((o) => o.spec?.nodeName === node.metadata.name);
  if (method !== 'GET' && method !== 'HEAD') return text(405, '405 method not allowed\n');
  switch (p.replace(/\/+$/, '') || '/') {
    case '/healthz':
      return text(200, 'ok');
    case '/pods':
      return json({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items: pods });
    case '/stats/summary':
      return json(summary(ctx, node, pods));
    case '/configz':
      return json({ kubeletconfig: kubeletConfig(node) });
    case '/metrics':
      return { status: 200, headers: [['Content-Type', 'text/plain; version=0.0.4; charset=utf-8']], body: kubeletMetrics(node, pods) };
    case '/metrics/resource':
      return { status: 200, headers: [['Content-Type', 'text/plain; version=0.0.4; charset=utf-8']], body: resourceMetrics(ctx, node, pods) };
    default:
      return text(404, '404 page not found\n');
  }
}
