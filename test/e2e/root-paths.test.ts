import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { inject } from 'vitest';
import { availableMinors, kubectl } from './kubectl';

/**
 * `kubectl get --raw PATH` sends PATH from the server's root, not under the kubeconfig's
 * `/clusters/<name>`: every such path answers as on a kubeadm 1.33 cluster, with each kubectl
 * and with the kubectl dispatcher (which probes /version there to pick its kubectl.1.NN).
 */
const minors = availableMinors([27, 30, 33]).filter((m): m is number => m !== undefined);

/** The dispatcher `kubectl` itself (never a versioned binary), against the test cluster. */
function dispatcher(args: string[]) {
  const r = spawnSync('kubectl', ['--kubeconfig', inject('kubeconfig'), ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, KUBECTL_KUBERC: 'false' } });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const clients: { name: string; raw: (path: string) => { code: number; stdout: string; stderr: string } }[] = [
  ...minors.map((m) => ({ name: `kubectl 1.${m}`, raw: (path: string) => kubectl(['get', '--raw', path], { minor: m }) })),
  { name: 'the kubectl dispatcher', raw: (path: string) => dispatcher(['get', '--raw', path]) },
];

describe('paths at the server\'s root', () => {
  beforeAll(() => {
    kubectl(['create', 'namespace', 'root-paths']);
  });

  describe.each(clients)('with $name', ({ raw }) => {
    it('prints /version as kube-apiserver writes it', () => {
      const r = raw('/version');
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^\{\n {2}"major": "1",\n {2}"minor": "33",\n/);
      expect(JSON.parse(r.stdout)).toMatchObject({ gitVersion: expect.stringMatching(/^v1\.33\.\d+$/), platform: 'linux/amd64' });
    });

    it('prints ok for /healthz and /livez, and the checks of /readyz?verbose', () => {
      expect(raw('/healthz').stdout).toBe('ok');
      expect(raw('/livez').stdout).toBe('ok');
      const ready = raw('/readyz?verbose').stdout;
      expect(ready).toMatch(/^\[\+\]ping ok\n\[\+\]log ok\n\[\+\]etcd ok\n\[\+\]etcd-readiness ok\n\[\+\]informer-sync ok\n/);
      expect(ready).toMatch(/\[\+\]poststarthook\/rbac\/bootstrap-roles ok\n/);
      expect(ready).toMatch(/\[\+\]shutdown ok\nreadyz check passed\n$/);
      expect(raw('/livez?verbose&exclude=etcd').stdout).toMatch(/\[\+\]etcd excluded: ok\n[\s\S]*livez check passed\n$/);
      expect(raw('/readyz/ping').stdout).toBe('ok');
    });

    it('prints the apiserver\'s metrics in the Prometheus format', () => {
      expect(raw('/api/v1/namespaces/root-paths').stdout).toContain('"name":"root-paths"');
      const m = raw('/metrics').stdout;
      expect(m).toContain('# TYPE apiserver_request_total counter\n');
      expect(m).toMatch(/^apiserver_request_total\{code="200",component="apiserver",dry_run="",group="",resource="namespaces",scope="resource",subresource="",verb="GET",version="v1"\} \d+$/m);
      expect(m).toMatch(/^apiserver_request_duration_seconds_bucket\{component="",dry_run="",group="",resource="",scope="",subresource="\/readyz",verb="GET",version="",le="\+Inf"\} [1-9]\d*$/m);
      expect(m).toMatch(/^apiserver_storage_objects\{resource="pods"\} [1-9]\d*$/m);
      expect(m).toMatch(/^apiserver_current_inflight_requests\{request_kind="readOnly"\} [1-9]\d*$/m);
    });

    it('lists the served paths at / as kube-apiserver does', () => {
      const { paths } = JSON.parse(raw('/').stdout);
      expect(paths).toEqual([...paths].sort());
      for (const p of ['/api', '/api/v1', '/apis', '/apis/apps/v1', '/apis/apiextensions.k8s.io/v1', '/healthz', '/livez/ping', '/readyz/shutdown', '/metrics', '/openapi/v2', '/openapi/v3', '/version']) expect(paths).toContain(p);
    });

    it('prints an object of the API by its path', () => {
      const ns = JSON.parse(raw('/api/v1/namespaces/root-paths').stdout);
      expect(ns).toMatchObject({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'root-paths' }, status: { phase: 'Active' } });
      expect(raw('/api/v1/namespaces/nowhere').stderr).toContain('Error from server (NotFound): namespaces "nowhere" not found');
    });
  });

  it('prints the deprecated component statuses of a kubeadm 1.33 control plane', () => {
    const r = kubectl(['get', 'componentstatuses'], { minor: 33 });
    expect(r.stderr).toMatch(/^Warning: v1 ComponentStatus is deprecated in v1.19\+$/m);
    expect(r.stdout).toMatch(/^NAME {17}STATUS {4}MESSAGE {3}ERROR\nscheduler {12}Healthy {3}ok {8}\ncontroller-manager {3}Healthy {3}ok {8}\netcd-0 {15}Healthy {3}ok {8}\n$/);
    expect(kubectl(['get', 'cs', 'etcd-0', '-o', 'jsonpath={.conditions[0].type}={.conditions[0].status}'], { minor: 33 }).stdout).toBe('Healthy=True');
  });

  it('lets the kubectl dispatcher pick the kubectl of the server\'s minor (it probes /version at the root)', () => {
    const r = dispatcher(['version']);
    expect(r.stdout).toMatch(/^Client Version: v1\.33\.\d+$/m);
    expect(r.stdout).toMatch(/^Server Version: v1\.33\.\d+$/m);
  });
});
