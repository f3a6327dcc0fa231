import { describe, it, expect } from 'vitest';
import { kubectl, until } from './kubectl';

const ns = 'storage-e2e';
const k = (...args: string[]) => kubectl(args);
const apply = (yaml: string) => kubectl(['apply', '-n', ns, '-f', '-'], { input: yaml });

const claimAndWriter = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: writer
spec:
  containers:
  - name: writer
    image: busybox
    command: ["sh", "-c", "echo kept > /data/f && sleep 3600"]
    volumeMounts: [{name: data, mountPath: /data}]
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
`;

const staticPv = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: storage-e2e-pv
spec:
  storageClassName: manual
  capacity:
    storage: 2Gi
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /tmp/storage-e2e-pv
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: manual
spec:
  storageClassName: manual
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 500Mi
`;

describe('storage: the default StorageClass, the PV controller and the scheduler', () => {
  it('has kind\'s standard class as the default', () => {
    expect(k('get', 'storageclass').stdout).toMatch(/^standard \(default\) +rancher\.io\/local-path +Delete +WaitForFirstConsumer +false /m);
  });

  it('waits for the first consumer, then provisions pvc-<uid> on its node and protects the claim while used', async () => {
    k('create', 'namespace', ns);
    expect(apply(claimAndWriter.split('---')[0]).code).toBe(0);
    expect(k('get', 'pvc', 'data', '-n', ns, '-o', 'jsonpath={.spec.storageClassName}').stdout).toBe('standard');
    expect(await until(() => /waiting for first consumer to be created before binding/.test(k('describe', 'pvc', 'data', '-n', ns).stdout))).toBe(true);
    expect(apply(claimAndWriter).code).toBe(0);
    expect(await until(() => /^data +Bound +pvc-[0-9a-f-]+ +1Gi +RWO +standard /m.test(k('get', 'pvc', '-n', ns).stdout))).toBe(true);
    const pv = k('get', 'pvc', 'data', '-n', ns, '-o', 'jsonpath={.spec.volumeName}').stdout;
    const uid = k('get', 'pvc', 'data', '-n', ns, '-o', 'jsonpath={.metadata.uid}').stdout;
    expect(pv).toBe(`pvc-${uid}`);
    expect(k('get', 'pv', pv).stdout).toMatch(new RegExp(`^${pv} +1Gi +RWO +Delete +Bound +${ns}/data +standard `, 'm'));
    const node = k('get', 'pvc', 'data', '-n', ns, '-o', "jsonpath={.metadata.annotations.volume\\.kubernetes\\.io/selected-node}").stdout;
    expect(await until(() => /^writer +1\/1 +Running /m.test(k('get', 'pod', 'writer', '-n', ns).stdout))).toBe(true);
    expect(k('get', 'pod', 'writer', '-n', ns, '-o', 'jsonpath={.spec.nodeName}').stdout).toBe(node);
    expect(k('describe', 'pvc', 'data', '-n', ns).stdout).toMatch(/ProvisioningSucceeded .*Successfully provisioned volume pvc-/);
    expect(await until(() => k('exec', 'writer', '-n', ns, '--', 'cat', '/data/f').stdout === 'kept\n')).toBe(true);

    expect(k('delete', 'pvc', 'data', '-n', ns, '--wait=false').code).toBe(0);
    expect(k('get', 'pvc', '-n', ns).stdout).toMatch(/^data +Terminating /m);
    expect(k('delete', 'pod', 'writer', '-n', ns, '--now').code).toBe(0);
    expect(await until(() => /NotFound/.test(k('get', 'pvc', 'data', '-n', ns).stderr))).toBe(true);
    expect(await until(() => /NotFound/.test(k('get', 'pv', pv).stderr))).toBe(true);
  });

  it('binds a static PV by class and keeps it Released under Retain', async () => {
    expect(apply(staticPv).code).toBe(0);
    expect(await until(() => /^manual +Bound +storage-e2e-pv +2Gi +RWO +manual /m.test(k('get', 'pvc', '-n', ns).stdout))).toBe(true);
    expect(k('get', 'pv', 'storage-e2e-pv').stdout).toMatch(new RegExp(`^storage-e2e-pv +2Gi +RWO +Retain +Bound +${ns}/manual +manual `, 'm'));
    expect(k('delete', 'pvc', 'manual', '-n', ns).code).toBe(0);
    expect(await until(() => /^storage-e2e-pv +2Gi +RWO +Retain +Released /m.test(k('get', 'pv', 'storage-e2e-pv').stdout))).toBe(true);
    expect(k('delete', 'pv', 'storage-e2e-pv').code).toBe(0);
  });

  it('does not schedule a pod whose claim is missing', async () => {
    const pod = claimAndWriter.split('---')[1].replace('name: writer\n', 'name: orphan\n').replace('claimName: data', 'claimName: absent');
    expect(apply(pod).code).toBe(0);
    expect(await until(() => /persistentvolumeclaim "absent" not found/.test(k('describe', 'pod', 'orphan', '-n', ns).stdout))).toBe(true);
    expect(k('get', 'pod', 'orphan', '-n', ns).stdout).toMatch(/^orphan +0\/1 +Pending /m);
  });
});
