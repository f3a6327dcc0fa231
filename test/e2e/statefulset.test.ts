import { describe, it, expect } from 'vitest';
import { kubectl, until } from './kubectl';

const ns = 'sts-e2e';
const k = (...args: string[]) => kubectl(args);

const manifest = `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector: {app: nginx}
  ports: [{port: 80, name: web}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: nginx}
  serviceName: nginx
  replicas: 3
  template:
    metadata:
      labels: {app: nginx}
    spec:
      containers:
      - name: nginx
        image: nginx
        volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}]
  volumeClaimTemplates:
  - metadata: {name: www}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`;

const daemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {name: agent}
  template:
    metadata:
      labels: {name: agent}
    spec:
      containers:
      - name: agent
        image: nginx
`;

const podNames = () => k('get', 'pods', '-n', ns, '-l', 'app=nginx', '-o', 'jsonpath={.items[*].metadata.name}').stdout.trim();

describe('the StatefulSet controller', () => {
  it('creates web-0..2 in order with their claims, rolls an update out and back, scales down from the top', async () => {
    k('create', 'namespace', ns);
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: manifest }).code).toBe(0);
    expect(await until(() => /^web +3\/3 /m.test(k('get', 'sts', '-n', ns).stdout))).toBe(true);
    expect(podNames()).toBe('web-0 web-1 web-2');
    expect(k('get', 'pvc', '-n', ns, '-o', 'name').stdout.trim().split('\n')).toEqual([
      'persistentvolumeclaim/www-web-0', 'persistentvolumeclaim/www-web-1', 'persistentvolumeclaim/www-web-2',
    ]);
    expect(k('get', 'pod', 'web-1', '-n', ns, '-o', 'jsonpath={.spec.hostname}.{.spec.subdomain} {.metadata.labels.apps\\.kubernetes\\.io/pod-index}').stdout).toBe('web-1.nginx 1');
    expect(k('get', 'events', '-n', ns, '--field-selector', 'involvedObject.kind=StatefulSet').stdout).toMatch(/SuccessfulCreate +statefulset\/web +create Pod web-0 in StatefulSet web successful/);
    expect(k('rollout', 'status', 'sts/web', '-n', ns, '--timeout=5s').stdout).toMatch(/partitioned roll out complete: 3 new pods have been updated/);

    expect(k('set', 'image', 'sts/web', 'nginx=nginx:1.25', '-n', ns).code).toBe(0);
    expect(k('rollout', 'status', 'sts/web', '-n', ns, '--timeout=60s').stdout).toMatch(/partitioned roll out complete: 3 new pods have been updated/);
    expect(k('get', 'pods', '-n', ns, '-l', 'app=nginx', '-o', 'jsonpath={.items[*].spec.containers[0].image}').stdout).toBe('nginx:1.25 nginx:1.25 nginx:1.25');
    expect(k('rollout', 'history', 'sts/web', '-n', ns).stdout).toMatch(/REVISION +CHANGE-CAUSE\n1 +<none>\n2 +<none>/);
    expect(k('rollout', 'history', 'sts/web', '-n', ns, '--revision=1').stdout).toMatch(/Image:\s+nginx\n/);
    expect(k('rollout', 'undo', 'sts/web', '-n', ns, '--to-revision=2').stdout).toMatch(/skipped rollback \(current template already matches revision 2\)/);
    expect(k('rollout', 'undo', 'sts/web', '-n', ns).stdout).toMatch(/^statefulset.apps\/web rolled back/);
    expect(k('rollout', 'status', 'sts/web', '-n', ns, '--timeout=60s').code).toBe(0);
    expect(await until(() => k('get', 'pods', '-n', ns, '-l', 'app=nginx', '-o', 'jsonpath={.items[*].spec.containers[0].image}').stdout === 'nginx nginx nginx')).toBe(true);

    expect(k('scale', 'sts/web', '--replicas=1', '-n', ns).code).toBe(0);
    expect(await until(() => podNames() === 'web-0' && /^web +1\/1 /m.test(k('get', 'sts', '-n', ns).stdout), 60_000)).toBe(true);
    expect(k('get', 'pvc', '-n', ns, '-o', 'name').stdout.trim().split('\n')).toHaveLength(3);
    expect(k('delete', 'sts', 'web', '-n', ns).code).toBe(0);
    expect(await until(() => podNames() === '')).toBe(true);
    expect(k('get', 'pvc', '-n', ns, '-o', 'name').stdout.trim().split('\n')).toHaveLength(3);
  }, 240_000);

  it('rolls a DaemonSet over to a new template and back', async () => {
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: daemonSet }).code).toBe(0);
    expect(k('rollout', 'status', 'ds/agent', '-n', ns, '--timeout=60s').stdout).toMatch(/daemon set "agent" successfully rolled out/);
    expect(k('set', 'image', 'ds/agent', 'agent=nginx:1.25', '-n', ns).code).toBe(0);
    expect(k('rollout', 'status', 'ds/agent', '-n', ns, '--timeout=60s').stdout).toMatch(/daemon set "agent" successfully rolled out/);
    expect(k('get', 'pods', '-n', ns, '-l', 'name=agent', '-o', 'jsonpath={.items[*].spec.containers[0].image}').stdout).toBe('nginx:1.25 nginx:1.25');
    expect(k('get', 'ds', 'agent', '-n', ns).stdout).toMatch(/^agent +2 +2 +2 +2 +2 /m);
    expect(k('rollout', 'history', 'ds/agent', '-n', ns, '--revision=1').stdout).toMatch(/Image:\s+nginx\n/);
    expect(k('rollout', 'undo', 'ds/agent', '-n', ns).stdout).toMatch(/^daemonset.apps\/agent rolled back/);
    expect(k('rollout', 'status', 'ds/agent', '-n', ns, '--timeout=60s').code).toBe(0);
    expect(await until(() => k('get', 'pods', '-n', ns, '-l', 'name=agent', '-o', 'jsonpath={.items[*].spec.containers[0].image}').stdout === 'nginx nginx')).toBe(true);
    expect(k('rollout', 'history', 'ds/agent', '-n', ns).stdout).toMatch(/2 +<none>\n3 +<none>/);
  }, 180_000);
});
