import { spawn } from 'node:child_process';
import { describe, it, expect, inject } from 'vitest';
import { kubectl, kubectlBinary, until } from './kubectl';

const ns = 'gc-e2e';
const k = (...args: string[]) => kubectl([...args, '-n', ns]);
/** Nothing left of `what` (a `kubectl get` that succeeds and lists nothing). */
const gone = (...what: string[]) => {
  const r = k('get', ...what, '--no-headers');
  return r.code === 0 && !r.stdout.trim();
};
const jp = (what: string, path: string) => k('get', what, '-o', `jsonpath={${path}}`).stdout;

/** A Deployment of `replicas` nginx pods, waited for until all are available. */
async function deployment(name: string, replicas = 2): Promise<void> {
  expect(k('create', 'deployment', name, '--image=nginx', `--replicas=${replicas}`).code).toBe(0);
  expect(await until(() => new RegExp(`^${name} +${replicas}/${replicas} `, 'm').test(k('get', 'deploy', name).stdout))).toBe(true);
}

/** A kubectl left running (it waits for something); resolves with its exit code and output. */
function background(args: string[]): { done: () => boolean; result: Promise<{ code: number | null; out: string }> } {
  const p = spawn(kubectlBinary(), ['--kubeconfig', inject('kubeconfig'), ...args, '-n', ns], { env: { ...process.env, KUBECTL_KUBERC: 'false' } });
  let out = '';
  let finished = false;
  p.stdout.on('data', (d) => (out += d));
  p.stderr.on('data', (d) => (out += d));
  const result = new Promise<{ code: number | null; out: string }>((resolve) => p.on('close', (code) => { finished = true; resolve({ code, out }); }));
  return { done: () => finished, result };
}

describe('garbage collection and finalizers', () => {
  it('--cascade=background: the Deployment goes at once, then its ReplicaSets and pods', async () => {
    kubectl(['create', 'namespace', ns]);
    await deployment('bg');
    expect(k('get', 'rs', '-l', 'app=bg', '--no-headers').stdout).toMatch(/^bg-[a-z0-9]+ +2 +2 +2 /m);
    expect(k('delete', 'deployment', 'bg', '--cascade=background').stdout).toMatch(/^deployment.apps "bg" deleted/m);
    expect(k('get', 'deploy', 'bg').stderr).toMatch(/deployments.apps "bg" not found/);
    expect(await until(() => gone('rs,pods', '-l', 'app=bg'))).toBe(true);
  });

  it('--cascade=orphan: ReplicaSet and pods stay, the ReplicaSet without its ownerReference', async () => {
    await deployment('orph');
    const rs = k('get', 'rs', '-l', 'app=orph', '-o', 'name').stdout.trim();
    expect(rs).toMatch(/^replicaset.apps\/orph-[a-z0-9]+$/);
    expect(jp(rs, '.metadata.ownerReferences[0].kind')).toBe('Deployment');
    expect(k('delete', 'deployment', 'orph', '--cascade=orphan').stdout).toMatch(/^deployment.apps "orph" deleted/m);
    expect(k('get', 'deploy', 'orph').stderr).toMatch(/not found/);
    expect(jp(rs, '.metadata.ownerReferences')).toBe('');
    expect(k('get', rs, '--no-headers').stdout).toMatch(/^orph-[a-z0-9]+ +2 +2 +2 /m);
    const pods = k('get', 'pods', '-l', 'app=orph', '--no-headers').stdout.trim().split('\n');
    expect(pods.filter((l) => / 1\/1 +Running /.test(l))).toHaveLength(2);
    expect(k('get', 'pods', '-l', 'app=orph', '-o', 'jsonpath={.items[*].metadata.ownerReferences[0].name}').stdout.split(' ')).toEqual([rs.split('/')[1], rs.split('/')[1]]);
    // The orphaned ReplicaSet still owns its pods: deleting it collects them.
    expect(k('delete', rs).code).toBe(0);
    expect(await until(() => gone('pods', '-l', 'app=orph'))).toBe(true);
  });

  it('--cascade=foreground: the Deployment waits, marked foregroundDeletion, while its ReplicaSet is held', async () => {
    await deployment('fg');
    const rs = k('get', 'rs', '-l', 'app=fg', '-o', 'name').stdout.trim();
    expect(jp(rs, '.metadata.ownerReferences[0].blockOwnerDeletion')).toBe('true');
    expect(k('patch', rs, '--type=merge', '-p', '{"metadata":{"finalizers":["example.com/hold"]}}').code).toBe(0);
    expect(k('delete', 'deployment', 'fg', '--cascade=foreground', '--wait=false').stdout).toMatch(/^deployment.apps "fg" deleted/m);
    // The pods go first (the ReplicaSet, deleted in the foreground too, waits for them) ...
    expect(await until(() => gone('pods', '-l', 'app=fg'))).toBe(true);
    // ... the ReplicaSet then only waits for the finalizer, and the Deployment for the ReplicaSet.
    expect(await until(() => jp(rs, '.metadata.finalizers') === '["example.com/hold"]')).toBe(true);
    expect(jp(rs, '.metadata.deletionTimestamp')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(jp('deploy/fg', '.metadata.finalizers')).toBe('["foregroundDeletion"]');
    expect(jp('deploy/fg', '.metadata.deletionTimestamp')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(k('patch', rs, '--type=merge', '-p', '{"metadata":{"finalizers":null}}').code).toBe(0);
    expect(k('wait', '--for=delete', 'deploy/fg', '--timeout=30s').code).toBe(0);
    expect(k('get', rs).stderr).toMatch(/not found/);
  });

  it('a ConfigMap with a custom finalizer stays, with a deletionTimestamp, until a patch removes the finalizer', async () => {
    const cm = `apiVersion: v1
kind: ConfigMap
metadata:
  name: held
  finalizers: [example.com/hold]
data: {a: b}
`;
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: cm }).code).toBe(0);
    expect(k('delete', 'configmap', 'held', '--wait=false').stdout).toMatch(/^configmap "held" deleted/m);
    expect(jp('configmap/held', '.metadata.deletionTimestamp')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(jp('configmap/held', '.metadata.finalizers')).toBe('["example.com/hold"]');
    // A second delete changes nothing; the object is still readable.
    expect(k('delete', 'configmap', 'held', '--wait=false').code).toBe(0);
    expect(k('get', 'configmap', 'held', '--no-headers').stdout).toMatch(/^held +1 /m);
    expect(k('patch', 'configmap', 'held', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]').stdout).toMatch(/^configmap\/held patched/m);
    expect(await until(() => /configmaps "held" not found/.test(k('get', 'configmap', 'held').stderr))).toBe(true);
  });

  it('collects an object created with a reference to an absent owner, but not one to an unserved kind', async () => {
    const cms = `apiVersion: v1
kind: ConfigMap
metadata:
  name: dangling
  ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: nobody, uid: 00000000-0000-0000-0000-000000000001}]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: unverifiable
  ownerReferences: [{apiVersion: example.com/v1, kind: Widget, name: w, uid: 00000000-0000-0000-0000-000000000002}]
`;
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: cms }).code).toBe(0);
    expect(await until(() => /configmaps "dangling" not found/.test(k('get', 'configmap', 'dangling').stderr))).toBe(true);
    expect(k('get', 'configmap', 'unverifiable', '--no-headers').stdout).toMatch(/^unverifiable +0 /m);
  });

  it('kubectl delete --cascade=foreground of an owner waits for its blockOwnerDeletion dependents only', async () => {
    expect(k('create', 'configmap', 'owner').code).toBe(0);
    const uid = jp('configmap/owner', '.metadata.uid');
    const ref = (block: boolean) => `ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: owner, uid: ${uid}${block ? ', blockOwnerDeletion: true' : ''}}]`;
    const deps = `apiVersion: v1
kind: ConfigMap
metadata:
  name: blocker
  finalizers: [example.com/hold]
  ${ref(true)}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: loose
  finalizers: [example.com/hold]
  ${ref(false)}
`;
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: deps }).code).toBe(0);
    const del = background(['delete', 'configmap', 'owner', '--cascade=foreground', '--timeout=60s']);
    // Both dependents are deleted (held by their finalizer) ...
    expect(await until(() => !!jp('configmap/blocker', '.metadata.deletionTimestamp') && !!jp('configmap/loose', '.metadata.deletionTimestamp'))).toBe(true);
    expect(jp('configmap/owner', '.metadata.finalizers')).toBe('["foregroundDeletion"]');
    // ... a dependent without blockOwnerDeletion does not hold the owner ...
    expect(k('patch', 'configmap', 'loose', '--type=merge', '-p', '{"metadata":{"finalizers":null}}').code).toBe(0);
    expect(await until(() => /not found/.test(k('get', 'configmap', 'loose').stderr))).toBe(true);
    expect(k('get', 'configmap', 'owner', '--no-headers').stdout).toMatch(/^owner +0 /m);
    expect(del.done()).toBe(false);
    // ... the blocking one does, until its finalizer goes: then kubectl's wait ends.
    expect(k('patch', 'configmap', 'blocker', '--type=merge', '-p', '{"metadata":{"finalizers":null}}').code).toBe(0);
    const { code, out } = await del.result;
    expect(out).toMatch(/^configmap "owner" deleted/m);
    expect(code).toBe(0);
    expect(k('get', 'configmap', 'owner', 'blocker', 'loose').stderr.trim().split('\n')).toEqual(['configmap', 'owner', 'blocker', 'loose'].slice(1).map((n) => `Error from server (NotFound): configmaps "${n}" not found`));
  });
});
