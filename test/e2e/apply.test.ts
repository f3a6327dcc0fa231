import { describe, it, expect } from 'vitest';
import { kubectl } from './kubectl';

const ns = 'apply-e2e';
const k = (...args: string[]) => kubectl(args);

const configMap = (color: string, extra = '') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ssa
data:
  color: ${color}
${extra}`;

const deployment = (replicas: number, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: diffme
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: diffme
  template:
    metadata:
      labels:
        app: diffme
    spec:
      containers:
      - name: web
        image: ${image}
`;

/** The fieldsV1 of one manager's entry, as kubectl shows it. */
const fieldsOf = (name: string, manager: string) =>
  k('get', 'cm', name, '-n', ns, '--show-managed-fields', '-o', `jsonpath={.metadata.managedFields[?(@.manager=="${manager}")].fieldsV1}`).stdout;

describe('server-side apply', () => {
  it('creates, records the manager, refuses another manager\'s conflicting change, and yields to --force-conflicts', () => {
    k('create', 'namespace', ns);
    const created = kubectl(['apply', '--server-side', '-n', ns, '-f', '-'], { input: configMap('blue') });
    expect(created.stdout).toBe('configmap/ssa serverside-applied\n');
    expect(JSON.parse(fieldsOf('ssa', 'kubectl'))).toEqual({ 'f:data': { 'f:color': {} } });

    const refused = kubectl(['apply', '--server-side', '--field-manager=other', '-n', ns, '-f', '-'], { input: configMap('red') });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Apply failed with 1 conflict: conflict with "kubectl": .data.color');
    expect(k('get', 'cm', 'ssa', '-n', ns, '-o', 'jsonpath={.data.color}').stdout).toBe('blue');

    const forced = kubectl(['apply', '--server-side', '--force-conflicts', '--field-manager=other', '-n', ns, '-f', '-'], { input: configMap('red') });
    expect(forced.stdout).toBe('configmap/ssa serverside-applied\n');
    expect(k('get', 'cm', 'ssa', '-n', ns, '-o', 'jsonpath={.data.color}').stdout).toBe('red');
    expect(JSON.parse(fieldsOf('ssa', 'other'))).toEqual({ 'f:data': { 'f:color': {} } });
    expect(fieldsOf('ssa', 'kubectl')).toBe('');
  });

  it('updates what the manager applies and removes what it stops applying', () => {
    kubectl(['apply', '--server-side', '--field-manager=owner', '-n', ns, '-f', '-'], { input: configMap('green', '  size: xl\n').replace('name: ssa', 'name: prune') });
    expect(k('get', 'cm', 'prune', '-n', ns, '-o', 'jsonpath={.data}').stdout).toBe('{"color":"green","size":"xl"}');
    kubectl(['apply', '--server-side', '--field-manager=owner', '-n', ns, '-f', '-'], { input: configMap('green').replace('name: ssa', 'name: prune') });
    expect(k('get', 'cm', 'prune', '-n', ns, '-o', 'jsonpath={.data}').stdout).toBe('{"color":"green"}');
  });

  it('tracks ordinary writes too: kubectl label becomes a manager of the label', () => {
    k('label', 'cm', 'ssa', '-n', ns, 'team=blue');
    expect(JSON.parse(fieldsOf('ssa', 'kubectl-label'))).toEqual({ 'f:metadata': { 'f:labels': { '.': {}, 'f:team': {} } } });
  });
});

describe('dry run and diff', () => {
  it('kubectl diff shows the change against the server without storing it, and exits 0 once applied', () => {
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: deployment(1, 'nginx:1.25') }).code).toBe(0);
    const diff = kubectl(['diff', '-n', ns, '-f', '-'], { input: deployment(3, 'nginx:1.26') });
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(/^-  replicas: 1$/m);
    expect(diff.stdout).toMatch(/^\+  replicas: 3$/m);
    expect(diff.stdout).toMatch(/^\+ +- image: nginx:1\.26$/m);
    expect(k('get', 'deploy', 'diffme', '-n', ns, '-o', 'jsonpath={.spec.replicas}').stdout).toBe('1');
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: deployment(3, 'nginx:1.26') }).code).toBe(0);
    expect(kubectl(['diff', '-n', ns, '-f', '-'], { input: deployment(3, 'nginx:1.26') }).code).toBe(0);
  });

  it('server-side dry runs of create, apply, patch and delete store nothing', () => {
    expect(k('create', 'configmap', 'dry', '-n', ns, '--from-literal=a=b', '--dry-run=server').stdout).toBe('configmap/dry created (server dry run)\n');
    expect(kubectl(['apply', '--server-side', '--dry-run=server', '-n', ns, '-f', '-'], { input: configMap('white').replace('name: ssa', 'name: drier') }).stdout).toMatch(/serverside-applied \(server dry run\)/);
    expect(k('patch', 'cm', 'ssa', '-n', ns, '--dry-run=server', '-p', '{"data":{"color":"black"}}').stdout).toBe('configmap/ssa patched\n');
    expect(k('delete', 'cm', 'ssa', '-n', ns, '--dry-run=server').stdout).toMatch(/deleted \(server dry run\)/);
    expect(k('get', 'cm', 'dry', 'drier', '-n', ns).stderr).toMatch(/configmaps "dry" not found[\s\S]*configmaps "drier" not found/);
    expect(k('get', 'cm', 'ssa', '-n', ns, '-o', 'jsonpath={.data.color}').stdout).toBe('red');
  });
});
