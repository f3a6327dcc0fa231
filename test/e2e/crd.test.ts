import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { kubectl, kubectlBinary, until } from './kubectl';

const ns = 'crd-e2e';
const k = (...args: string[]) => kubectl(args);
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/crds/${name}`, import.meta.url));
const CRD = 'crontabs.e2e.kubeplay.test';

const cronTab = (name: string, spec: Record<string, unknown>, apiVersion = 'e2e.kubeplay.test/v1') =>
  JSON.stringify({ apiVersion, kind: 'CronTab', metadata: { name, namespace: ns }, spec });

describe('CustomResourceDefinitions with kubectl', () => {
  it('applies a CRD that becomes Established, with its names in discovery', () => {
    k('create', 'namespace', ns);
    expect(k('apply', '-f', fixture('crontabs.yaml')).out).toMatch(/customresourcedefinition.apiextensions.k8s.io\/crontabs.e2e.kubeplay.test created/);
    expect(k('wait', '--for=condition=Established', `crd/${CRD}`, '--timeout=20s').code).toBe(0);
    const conditions = k('get', 'crd', CRD, '-o', 'jsonpath={range .status.conditions[*]}{.type}={.status}/{.reason};{end}').stdout;
    expect(conditions).toBe('NamesAccepted=True/NoConflicts;Established=True/InitialNamesAccepted;');
    expect(k('get', 'crd', CRD, '-o', 'jsonpath={.status.acceptedNames.kind} {.status.acceptedNames.shortNames} {.status.storedVersions}').stdout).toBe('CronTab ["ct"] ["v1"]');
    const resources = k('api-resources', '--api-group=e2e.kubeplay.test').stdout;
    expect(resources).toMatch(/^crontabs\s+ct\s+e2e\.kubeplay\.test\/v1\s+true\s+CronTab$/m);
    expect(k('get', 'crd', CRD).stdout).toMatch(/^NAME\s+CREATED AT\ncrontabs\.e2e\.kubeplay\.test\s+\d{4}-\d\d-\d\dT/);
  });

  it('refuses invalid CRDs with kube-apiserver\'s messages', () => {
    const bad = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'things.e2e.kubeplay.test' },
      spec: {
        group: 'e2e.kubeplay.test', scope: 'Regional', names: { plural: 'widgets', kind: 'Widget' },
        versions: [{ name: 'v1', served: true, storage: false, schema: { openAPIV3Schema: { type: 'object' } } }],
      },
    };
    const out = kubectl(['create', '-f', '-'], { input: JSON.stringify(bad) }).out;
    expect(out).toContain('The CustomResourceDefinition "things.e2e.kubeplay.test" is invalid');
    expect(out).toContain('metadata.name: Invalid value: "things.e2e.kubeplay.test": must be spec.names.plural+"."+spec.group');
    expect(out).toContain('spec.scope: Unsupported value: "Regional": supported values: "Cluster", "Namespaced"');
    expect(out).toContain('must have exactly one version marked as storage version');
    expect(k('get', 'crd', 'things.e2e.kubeplay.test').code).not.toBe(0);
  });

  it('creates custom resources, validated and defaulted by the schema, and prints their columns', () => {
    expect(kubectl(['apply', '-f', '-'], { input: cronTab('nightly', { cronSpec: '0 3 * * *', image: 'busybox' }) }).out).toMatch(/crontab.e2e.kubeplay.test\/nightly created/);
    expect(k('get', 'ct', 'nightly', '-n', ns, '-o', 'jsonpath={.spec.replicas} {.metadata.generation}').stdout).toBe('1 1');
    const table = k('get', 'crontabs', '-n', ns).stdout;
    expect(table).toMatch(/^NAME\s+SCHEDULE\s+REPLICAS\s+READY\s+AGE\n/);
    // No status yet: the Ready column's path finds nothing, an empty cell.
    expect(table).toMatch(/^nightly\s+0 3 \* \* \*\s+1\s+\d+s$/m);
    const invalid = kubectl(['create', '-f', '-'], { input: cronTab('broken', { cronSpec: 7, replicas: -2 }) }).out;
    expect(invalid).toContain('The CronTab "broken" is invalid');
    expect(invalid).toContain('spec.cronSpec: Invalid value: "integer": spec.cronSpec in body must be of type string: "integer"');
    expect(invalid).toContain('spec.replicas: Invalid value: -2: spec.replicas in body should be greater than or equal to 0');
    const unknown = kubectl(['create', '-f', '-'], { input: cronTab('extra', { cronSpec: '* * * * *', colour: 'red' }) }).out;
    expect(unknown).toContain('strict decoding error: unknown field "spec.colour"');
    // The other served version reads the same object (conversion None: only apiVersion changes).
    expect(k('get', 'crontabs.v1beta1.e2e.kubeplay.test', 'nightly', '-n', ns, '-o', 'jsonpath={.apiVersion} {.spec.image}').stdout).toBe('e2e.kubeplay.test/v1beta1 busybox');
    // The `all` category lists them.
    expect(k('get', 'all', '-n', ns).stdout).toMatch(/crontab\.e2e\.kubeplay\.test\/nightly/);
  });

  it('explains a custom kind from its schema', () => {
    const r = k('explain', 'crontab.spec');
    expect(r.stdout).toMatch(/KIND:\s+CronTab/);
    expect(r.stdout).toMatch(/What to run, and when\./);
    expect(r.stdout).toMatch(/cronSpec\s+<string> -required-/);
    expect(r.stdout).toMatch(/The schedule, in cron format\./);
  });

  it('explains the CustomResourceDefinition kind itself, with kubectl 1.27\'s OpenAPI v2 too', () => {
    const spec = k('explain', 'crd.spec').stdout;
    expect(spec).toMatch(/^KIND: +CustomResourceDefinition$/m);
    expect(spec).toMatch(/^FIELD: spec <CustomResourceDefinitionSpec>$/m);
    expect(spec).toMatch(/^ {2}group\t<string> -required-$/m);
    expect(spec).toMatch(/^ {2}versions\t<\[\]CustomResourceDefinitionVersion> -required-$/m);
    expect(k('explain', 'crd.spec.versions.schema.openAPIV3Schema.x-kubernetes-validations.rule').stdout).toMatch(/^FIELD: rule <string>$/m);
    const v2 = kubectl(['explain', 'crd.spec.names', '--output=plaintext-openapiv2'], { minor: 27 });
    expect(v2.stderr).toBe('');
    expect(v2.stdout).toMatch(/^RESOURCE: names <Object>$/m);
    expect(v2.stdout).toMatch(/^ {3}plural\t<string> -required-$/m);
  });

  it('scales through the scale subresource and writes status through the status one', () => {
    expect(k('scale', 'ct', 'nightly', '-n', ns, '--replicas=4').out).toMatch(/crontab.e2e.kubeplay.test\/nightly scaled/);
    expect(k('get', 'ct', 'nightly', '-n', ns, '-o', 'jsonpath={.spec.replicas} {.metadata.generation}').stdout).toBe('4 2');
    // A status written through the main resource is ignored; through /status it is kept.
    k('patch', 'ct', 'nightly', '-n', ns, '--type=merge', '-p', '{"status":{"replicas":9}}');
    expect(k('get', 'ct', 'nightly', '-n', ns, '-o', 'jsonpath={.status.replicas}').stdout).toBe('');
    const status = k('patch', 'ct', 'nightly', '-n', ns, '--subresource=status', '--type=merge', '-p', '{"status":{"replicas":4,"selector":"app=nightly","conditions":[{"type":"Ready","status":"True"}]}}');
    expect(status.code).toBe(0);
    expect(k('get', 'ct', 'nightly', '-n', ns, '-o', 'jsonpath={.status.replicas} {.metadata.generation}').stdout).toBe('4 2');
    expect(k('get', '--raw', `/apis/e2e.kubeplay.test/v1/namespaces/${ns}/crontabs/nightly/scale`).stdout).toMatch(/"status":\{"replicas":4,"selector":"app=nightly"\}/);
    expect(k('get', 'ct', 'nightly', '-n', ns, '--no-headers').stdout).toMatch(/^nightly\s+0 3 \* \* \*\s+4\s+True\s+/);
    // Custom resources have no strategic merge patch.
    expect(k('patch', 'ct', 'nightly', '-n', ns, '-p', '{"spec":{"image":"nginx"}}').out).toContain('the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml');
  });

  it('applies server-side by the schema\'s list map keys, refusing another manager\'s fields', () => {
    const first = cronTab('ssa', { cronSpec: '*/5 * * * *', image: 'nginx', ports: [{ name: 'http', port: 80 }] });
    expect(kubectl(['apply', '--server-side', '--field-manager=team-a', '-f', '-'], { input: first }).out).toMatch(/crontab.e2e.kubeplay.test\/ssa serverside-applied/);
    const second = cronTab('ssa', { cronSpec: '*/5 * * * *', ports: [{ name: 'metrics', port: 9090 }] });
    expect(kubectl(['apply', '--server-side', '--field-manager=team-b', '-f', '-'], { input: second }).out).toMatch(/serverside-applied/);
    // ports is a map keyed by name: both entries stay, each owned by its manager.
    expect(k('get', 'ct', 'ssa', '-n', ns, '-o', 'jsonpath={.spec.ports[*].name}').stdout).toBe('http metrics');
    const clash = kubectl(['apply', '--server-side', '--field-manager=team-b', '-f', '-'], { input: cronTab('ssa', { cronSpec: '*/5 * * * *', image: 'busybox' }) });
    expect(clash.code).not.toBe(0);
    expect(clash.out).toContain('Apply failed with 1 conflict: conflict with "team-a": .spec.image');
    const forced = kubectl(['apply', '--server-side', '--force-conflicts', '--field-manager=team-b', '-f', '-'], { input: cronTab('ssa', { cronSpec: '*/5 * * * *', image: 'busybox' }) });
    expect(forced.code).toBe(0);
    expect(k('get', 'ct', 'ssa', '-n', ns, '-o', 'jsonpath={.spec.image} {.spec.ports[*].name}').stdout).toBe('busybox http');
  });

  it('watches custom resources with a label selector', async () => {
    k('label', 'ct', 'nightly', '-n', ns, 'team=ops');
    const child = spawn(kubectlBinary(), ['--kubeconfig', inject('kubeconfig'), 'get', 'ct', '-n', ns, '-l', 'team=ops', '-w', '--output-watch-events', '--no-headers'], { env: { ...process.env, KUBECTL_KUBERC: 'false' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    try {
      expect(await until(() => /ADDED\s+nightly/.test(out), 20_000)).toBe(true);
      k('patch', 'ct', 'nightly', '-n', ns, '--type=merge', '-p', '{"spec":{"cronSpec":"0 4 * * *"}}');
      expect(await until(() => /MODIFIED\s+nightly\s+0 4 \* \* \*/.test(out), 20_000)).toBe(true);
      k('patch', 'ct', 'ssa', '-n', ns, '--type=merge', '-p', '{"spec":{"image":"other"}}');
      k('delete', 'ct', 'nightly', '-n', ns);
      expect(await until(() => /DELETED\s+nightly/.test(out), 20_000)).toBe(true);
      expect(out).not.toMatch(/\bssa\b/);
    } finally {
      child.kill();
    }
    expect(k('get', 'ct', '-n', ns, '--field-selector', 'metadata.name=ssa', '--no-headers').stdout).toMatch(/^ssa\s/);
  });

  it('serves cluster-scoped custom resources, with RBAC and quota by group and plural', () => {
    k('apply', '-f', fixture('clusterscoped.yaml'));
    expect(k('wait', '--for=condition=Established', 'crd/regions.e2e.kubeplay.test', '--timeout=20s').code).toBe(0);
    expect(kubectl(['apply', '-f', '-'], { input: JSON.stringify({ apiVersion: 'e2e.kubeplay.test/v1', kind: 'Region', metadata: { name: 'eu' }, spec: { zone: 'eu-1' } }) }).code).toBe(0);
    expect(k('get', 'regions', '--no-headers').stdout).toMatch(/^eu\s+\d+s$/m);
    // RBAC names the group and the plural.
    k('create', 'serviceaccount', 'reader', '-n', ns);
    k('create', 'role', 'crontab-reader', '-n', ns, '--verb=get,list', '--resource=crontabs.e2e.kubeplay.test');
    k('create', 'rolebinding', 'crontab-reader', '-n', ns, '--role=crontab-reader', `--serviceaccount=${ns}:reader`);
    const as = ['--as', `system:serviceaccount:${ns}:reader`];
    expect(k('get', 'ct', '-n', ns, ...as).code).toBe(0);
    expect(k('delete', 'ct', 'ssa', '-n', ns, ...as).out).toContain(`crontabs.e2e.kubeplay.test "ssa" is forbidden: User "system:serviceaccount:${ns}:reader" cannot delete resource "crontabs" in API group "e2e.kubeplay.test" in the namespace "${ns}"`);
    // ResourceQuota counts them as count/<plural>.<group>.
    k('create', 'quota', 'crontabs', '-n', ns, '--hard=count/crontabs.e2e.kubeplay.test=1');
    const over = kubectl(['create', '-f', '-'], { input: cronTab('one-too-many', { cronSpec: '* * * * *' }) }).out;
    expect(over).toContain('exceeded quota: crontabs, requested: count/crontabs.e2e.kubeplay.test=1, used: count/crontabs.e2e.kubeplay.test=1, limited: count/crontabs.e2e.kubeplay.test=1');
    k('delete', 'quota', 'crontabs', '-n', ns);
  });

  it('selects custom resources by the CRD\'s selectableFields', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'paints.e2e.kubeplay.test' },
      spec: {
        group: 'e2e.kubeplay.test', scope: 'Namespaced', names: { plural: 'paints', singular: 'paint', kind: 'Paint' },
        versions: [{
          name: 'v1', served: true, storage: true, selectableFields: [{ jsonPath: '.spec.color' }, { jsonPath: '.spec.litres' }],
          schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { color: { type: 'string' }, litres: { type: 'integer' } } } } } },
        }],
      },
    };
    expect(kubectl(['apply', '-f', '-'], { input: JSON.stringify(crd) }).code).toBe(0);
    expect(k('wait', '--for=condition=Established', 'crd/paints.e2e.kubeplay.test', '--timeout=20s').code).toBe(0);
    const paint = (name: string, color: string, litres: number) => JSON.stringify({ apiVersion: 'e2e.kubeplay.test/v1', kind: 'Paint', metadata: { name, namespace: ns }, spec: { color, litres } });
    for (const [n, c, l] of [['red-5', 'red', 5], ['red-1', 'red', 1], ['blue-5', 'blue', 5]] as const) expect(kubectl(['apply', '-f', '-'], { input: paint(n, c, l) }).code).toBe(0);
    expect(k('get', 'paints', '-n', ns, '--field-selector', 'spec.color=red', '-o', 'name').stdout).toBe('paint.e2e.kubeplay.test/red-1\npaint.e2e.kubeplay.test/red-5\n');
    expect(k('get', 'paints', '-n', ns, '--field-selector', 'spec.color!=red,spec.litres=5', '-o', 'name').stdout).toBe('paint.e2e.kubeplay.test/blue-5\n');
    expect(k('get', 'paints', '-n', ns, '--field-selector', 'spec.colour=red').stderr).toMatch(/field label not supported: spec.colour$/m);
    k('delete', 'crd', 'paints.e2e.kubeplay.test');
  });

  it('deletes a CRD with its objects', async () => {
    k('patch', 'ct', 'ssa', '-n', ns, '--type=merge', '-p', '{"metadata":{"finalizers":["e2e.kubeplay.test/hold"]}}');
    k('delete', 'crd', CRD, '--wait=false');
    // Held by the object's finalizer: Terminating, and no new objects.
    expect(await until(() => /InstanceDeletionInProgress/.test(k('get', 'crd', CRD, '-o', 'jsonpath={.status.conditions[?(@.type=="Terminating")].reason}').stdout), 20_000)).toBe(true);
    expect(kubectl(['create', '-f', '-'], { input: cronTab('late', { cronSpec: '* * * * *' }) }).out).toContain('create not allowed while custom resource definition is terminating');
    k('patch', 'ct', 'ssa', '-n', ns, '--type=merge', '-p', '{"metadata":{"finalizers":null}}');
    expect(await until(() => k('get', 'crd', CRD).code !== 0, 20_000)).toBe(true);
    expect(k('get', 'crontabs', '-n', ns).out).toContain('the server could not find the requested resource');
    // Created again, it starts empty.
    k('apply', '-f', fixture('crontabs.yaml'));
    expect(k('wait', '--for=condition=Established', `crd/${CRD}`, '--timeout=20s').code).toBe(0);
    expect(k('get', 'ct', '-n', ns).out).toContain(`No resources found in ${ns} namespace.`);
    k('delete', 'crd', CRD, 'regions.e2e.kubeplay.test');
  });
});
