import { describe, it, expect, inject } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectl, until } from './kubectl';

const ns = 'rbac-e2e';
const k = (...args: string[]) => kubectl(args);
const dir = mkdtempSync(join(tmpdir(), 'rbac-e2e-'));

/** A kubeconfig whose only credential is `token`, for the server of `base` (a kubeconfig path). */
function tokenKubeconfig(name: string, token: string, base = inject('kubeconfig')): string {
  const file = join(dir, `${name}.kubeconfig`);
  writeFileSync(file, kubectl(['config', 'view', '--minify', '--raw', '--flatten'], { kubeconfig: base }).stdout);
  kubectl(['config', 'set-credentials', name, `--token=${token}`], { kubeconfig: file });
  kubectl(['config', 'set-context', '--current', `--user=${name}`], { kubeconfig: file });
  return file;
}

describe('RBAC', () => {
  it('a ServiceAccount token acts as the account: allowed what its Role grants, refused the rest', async () => {
    k('create', 'namespace', ns);
    expect(k('create', 'serviceaccount', 'reader', '-n', ns).code).toBe(0);
    expect(k('create', 'role', 'pod-reader', '--verb=get,list,watch', '--resource=pods', '-n', ns).code).toBe(0);
    expect(k('create', 'rolebinding', 'reader', '--role=pod-reader', `--serviceaccount=${ns}:reader`, '-n', ns).code).toBe(0);
    const as = `system:serviceaccount:${ns}:reader`;
    expect(k('auth', 'can-i', 'list', 'pods', `--as=${as}`, '-n', ns).stdout.trim()).toBe('yes');
    expect(k('auth', 'can-i', 'delete', 'pods', `--as=${as}`, '-n', ns).code).not.toBe(0);
    const token = k('create', 'token', 'reader', '-n', ns).stdout.trim();
    expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    const kc = tokenKubeconfig('reader', token);
    expect(kubectl(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'], { kubeconfig: kc }).stdout).toBe(as);
    k('run', 'target', '--image=nginx', '-n', ns);
    expect(kubectl(['get', 'pods', '-n', ns], { kubeconfig: kc }).stdout).toMatch(/^target /m);
    expect(kubectl(['delete', 'pod', 'target', '-n', ns], { kubeconfig: kc }).stderr).toContain(`pods "target" is forbidden: User "${as}" cannot delete resource "pods" in API group "" in the namespace "${ns}"`);
    expect(kubectl(['get', 'secrets', '-n', ns], { kubeconfig: kc }).stderr).toContain(`secrets is forbidden: User "${as}" cannot list resource "secrets" in API group "" in the namespace "${ns}"`);
    // The token is for this cluster only.
    expect(kubectl(['get', 'pods', '-n', ns], { kubeconfig: tokenKubeconfig('reader-elsewhere', token, inject('otherKubeconfig')) }).stderr).toMatch(/Unauthorized|must be logged in/);
  });

  it('auth can-i agrees with what the server enforces (view bound in one namespace)', async () => {
    k('create', 'serviceaccount', 'viewer', '-n', ns);
    k('create', 'rolebinding', 'viewer', '--clusterrole=view', `--serviceaccount=${ns}:viewer`, '-n', ns);
    const kc = tokenKubeconfig('viewer', k('create', 'token', 'viewer', '-n', ns).stdout.trim());
    const as = `system:serviceaccount:${ns}:viewer`;
    const attempts: Record<string, string[]> = {
      'get pods': ['get', 'pod', 'nothing'],
      'list secrets': ['get', 'secrets'],
      'list deployments.apps': ['get', 'deployments'],
      'create configmaps': ['create', 'configmap', 'x', '--dry-run=server'],
      'create deployments.apps': ['create', 'deployment', 'x', '--image=nginx', '--dry-run=server'],
      'delete pods': ['delete', 'pod', 'nothing'],
      'list configmaps': ['get', 'configmaps'],
    };
    let cases = 0;
    for (const where of [ns, 'default']) {
      for (const [what, args] of Object.entries(attempts)) {
        const [verb, resource] = what.split(' ');
        const canI = k('auth', 'can-i', verb, resource, `--as=${as}`, '-n', where).code === 0;
        const run = kubectl([...args, '-n', where], { kubeconfig: kc });
        const enforced = !/is forbidden/.test(run.stderr);
        expect({ where, what, canI }).toEqual({ where, what, canI: enforced });
        cases++;
      }
    }
    expect(cases).toBe(14);
  });

  it('a namespace admin cannot grant more than it holds, nor impersonate', async () => {
    k('create', 'serviceaccount', 'boss', '-n', ns);
    k('create', 'rolebinding', 'boss', '--clusterrole=admin', `--serviceaccount=${ns}:boss`, '-n', ns);
    const kc = tokenKubeconfig('boss', k('create', 'token', 'boss', '-n', ns).stdout.trim());
    expect(await until(() => kubectl(['create', 'role', 'ok', '--verb=get', '--resource=pods', '-n', ns], { kubeconfig: kc }).code === 0)).toBe(true);
    expect(kubectl(['create', 'role', 'quota', '--verb=create', '--resource=resourcequotas', '-n', ns], { kubeconfig: kc }).stderr).toContain('is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["resourcequotas"], Verbs:["create"]}');
    expect(kubectl(['create', 'rolebinding', 'root', '--clusterrole=cluster-admin', `--serviceaccount=${ns}:boss`, '-n', ns], { kubeconfig: kc }).stderr).toContain('rolebindings.rbac.authorization.k8s.io "root" is forbidden');
    expect(kubectl(['get', 'pods', '-n', ns, '--as=someone'], { kubeconfig: kc }).stderr).toContain(`users "someone" is forbidden: User "system:serviceaccount:${ns}:boss" cannot impersonate resource "users" in API group "" at the cluster scope`);
  });

  it('a token dies with its ServiceAccount', async () => {
    k('create', 'serviceaccount', 'temp', '-n', ns);
    k('create', 'rolebinding', 'temp', '--clusterrole=view', `--serviceaccount=${ns}:temp`, '-n', ns);
    const kc = tokenKubeconfig('temp', k('create', 'token', 'temp', '-n', ns).stdout.trim());
    expect(kubectl(['get', 'pods', '-n', ns], { kubeconfig: kc }).code).toBe(0);
    k('delete', 'serviceaccount', 'temp', '-n', ns);
    expect(await until(() => /Unauthorized|must be logged in/.test(kubectl(['get', 'pods', '-n', ns], { kubeconfig: kc }).stderr))).toBe(true);
  });
});
