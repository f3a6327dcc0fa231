import { describe, it, expect, beforeAll, inject } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableMinors, kubectl, kubectlBinary } from './kubectl';

const work = mkdtempSync(join(tmpdir(), 'kubeplay-manifests-'));
function manifest(name: string, text: string): string {
  const f = join(work, `${name}.yaml`);
  writeFileSync(f, text);
  return f;
}

const deployment = (ns: string, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports:
        - containerPort: 80
      - name: sidecar
        image: busybox:1.36
        command: ["sleep", "3600"]
`;

describe.each(availableMinors([27, 30, 33]))('kubectl 1.%s', (minor) => {
  const ns = `core-${minor ?? 'default'}`;
  const k = (...args: string[]) => kubectl(args, { minor });

  beforeAll(() => {
    k('delete', 'namespace', ns, '--ignore-not-found', '--wait=true', '--timeout=30s');
    const r = k('create', 'namespace', ns);
    expect(r.out).toMatch(new RegExp(`^namespace/${ns} created$`, 'm'));
  });

  it('lists the nodes as Ready with their roles', () => {
    const r = k('get', 'nodes');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION$/m);
    expect(r.stdout).toMatch(/^control-plane +Ready +control-plane +\S+ +v1\.33\.\d+$/m);
    expect(r.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(3);
  });

  it('lists the API resources from discovery', () => {
    const r = k('api-resources');
    expect(r.stdout).toMatch(/^deployments +deploy +apps\/v1 +true +Deployment$/m);
    expect(r.stdout).toMatch(/^pods +po +v1 +true +Pod$/m);
    expect(r.stdout).toMatch(/^horizontalpodautoscalers +hpa +autoscaling\/v2 +true +HorizontalPodAutoscaler$/m);
  });

  it('names the control plane in cluster-info', () => {
    const plain = k('cluster-info').stdout.replace(/\x1b\[[0-9;]*m/g, '');
    expect(plain).toMatch(/^Kubernetes control plane is running at https:\/\/127\.0\.0\.1:\d+\/clusters\/\S+$/m);
    expect(plain).toMatch(/^CoreDNS is running at .*\/api\/v1\/namespaces\/kube-system\/services\/kube-dns:dns\/proxy$/m);
  });

  it('explains a schema', () => {
    const r = k('explain', 'pod.spec.containers');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/FIELD: *containers <\[\]Container>/);
    expect(r.stdout).toMatch(/imagePullPolicy/);
  });

  it('creates from literals, shows YAML and JSONPath, and refuses a second create', () => {
    expect(k('create', 'configmap', 'settings', '-n', ns, '--from-literal=mode=dev', '--from-literal=level=3').stdout).toMatch(/^configmap\/settings created$/m);
    expect(k('get', 'configmap', 'settings', '-n', ns, '-o', 'jsonpath={.data.mode}').stdout).toBe('dev');
    expect(k('get', 'configmap', 'settings', '-n', ns, '-o', 'yaml').stdout).toMatch(/^  level: "3"$/m);
    const again = k('create', 'configmap', 'settings', '-n', ns, '--from-literal=mode=x');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/configmaps "settings" already exists/);
    expect(k('create', 'secret', 'generic', 'db', '-n', ns, '--from-literal=password=s3cr3t').stdout).toMatch(/^secret\/db created$/m);
    expect(k('get', 'secret', 'db', '-n', ns, '-o', 'jsonpath={.data.password}').stdout).toBe(btoa('s3cr3t'));
    expect(k('get', 'secret', 'db', '-n', ns).stdout).toMatch(/^db +Opaque +1 +\d+s$/m);
  });

  it('applies a manifest, then a changed one, merging containers by name', () => {
    const f = manifest(`web-${minor}`, deployment(ns, 'nginx:1.25'));
    expect(k('apply', '-f', f).stdout).toMatch(/^deployment.apps\/web created$/m);
    const changed = manifest(`web2-${minor}`, deployment(ns, 'nginx:1.26'));
    expect(k('apply', '-f', changed).stdout).toMatch(/^deployment.apps\/web configured$/m);
    expect(k('get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[*].image}').stdout).toBe('nginx:1.26 busybox:1.36');
    expect(k('get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.metadata.generation}').stdout).toBe('2');
    const wide = k('get', 'deploy', '-n', ns, '-o', 'wide').stdout;
    expect(wide).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE +CONTAINERS +IMAGES +SELECTOR$/m);
    expect(wide).toMatch(/^web +\d\/2 +\d +\d +\S+ +nginx,sidecar +nginx:1\.26,busybox:1\.36 +app=web$/m);
    expect(k('apply', '-f', changed).stdout).toMatch(/^deployment.apps\/web unchanged$/m);
  });

  it('labels, annotates, and patches with all three patch types', () => {
    expect(k('label', 'deploy', 'web', '-n', ns, 'tier=front').stdout).toMatch(/^deployment.apps\/web labeled$/m);
    expect(k('get', 'deploy', '-n', ns, '-l', 'tier=front', '-o', 'name').stdout.trim()).toBe('deployment.apps/web');
    expect(k('annotate', 'deploy', 'web', '-n', ns, 'owner=team-a').stdout).toMatch(/^deployment.apps\/web annotated?$/m);
    expect(k('get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.metadata.annotations.owner}').stdout).toBe('team-a');
    expect(k('patch', 'deploy', 'web', '-n', ns, '-p', '{"spec":{"replicas":3}}').stdout).toMatch(/^deployment.apps\/web patched$/m);
    expect(k('patch', 'deploy', 'web', '-n', ns, '--type=merge', '-p', '{"metadata":{"labels":{"tier":null}}}').stdout).toMatch(/patched/);
    expect(k('patch', 'deploy', 'web', '-n', ns, '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":4}]').stdout).toMatch(/patched/);
    const out = k('get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.spec.replicas} {.metadata.labels}').stdout;
    expect(out).toBe('4 {"app":"web"}');
    expect(k('patch', 'deploy', 'web', '-n', ns, '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.37"}]}}}}').code).toBe(0);
    expect(k('get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[*].image}').stdout).toBe('nginx:1.26 busybox:1.37');
  });

  it('scales through the scale subresource and exposes a NodePort service', () => {
    expect(k('scale', 'deploy', 'web', '-n', ns, '--replicas=5').stdout).toMatch(/^deployment.apps\/web scaled$/m);
    expect(k('get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.spec.replicas}').stdout).toBe('5');
    expect(k('expose', 'deploy', 'web', '-n', ns, '--port', '80', '--type', 'NodePort').stdout).toMatch(/^service\/web exposed$/m);
    const svc = k('get', 'svc', 'web', '-n', ns).stdout;
    expect(svc).toMatch(/^web +NodePort +10\.(9[6-9]|1[01]\d)\.\d+\.\d+ +<none> +80:3\d{4}\/TCP +\S+$/m);
  });

  it('replaces an object and refuses a stale resourceVersion', () => {
    const cm = JSON.parse(k('get', 'configmap', 'settings', '-n', ns, '-o', 'json').stdout);
    cm.data.mode = 'prod';
    const f = manifest(`cm-${minor}`, JSON.stringify(cm));
    expect(k('replace', '-f', f).stdout).toMatch(/^configmap\/settings replaced$/m);
    const stale = k('replace', '-f', f);
    expect(stale.code).not.toBe(0);
    expect(stale.stderr).toMatch(/Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again/);
  });

  it('answers bad input as kube-apiserver does', () => {
    const bad = k('create', 'configmap', 'Bad_Name', '-n', ns, '--from-literal=a=b');
    expect(bad.stderr).toMatch(/ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of/);
    const unknown = manifest(`unknown-${minor}`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: strict\n  namespace: ${ns}\ndata: {a: b}\nspec: {x: 1}\n`);
    expect(k('create', '-f', unknown).stderr).toMatch(/strict decoding error: unknown field "spec"/);
    const missing = k('create', 'configmap', 'x', '-n', `${ns}-nowhere`, '--from-literal=a=b');
    expect(missing.stderr).toMatch(new RegExp(`namespaces "${ns}-nowhere" not found`));
    const big = manifest(`big-${minor}`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  namespace: ${ns}\ndata:\n  blob: "${'x'.repeat(3.2 * 1024 * 1024)}"\n`);
    expect(k('create', '-f', big, '--validate=false').stderr).toMatch(/Request entity too large: limit is 3145728/);
  });

  it('edit with no change says so', () => {
    const r = kubectl(['edit', 'deploy', 'web', '-n', ns], { minor, env: { EDITOR: 'true', KUBE_EDITOR: 'true' } });
    expect(r.out).toMatch(/Edit cancelled, no changes made./);
  });

  it('watches changes with get -w', async () => {
    const child = spawn(kubectlBinary(minor), ['--kubeconfig', inject('kubeconfig'), 'get', 'configmaps', '-n', ns, '-w'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const waitFor = async (re: RegExp) => {
      for (let i = 0; i < 100 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 100));
      return out;
    };
    await waitFor(/^settings /m);
    k('create', 'configmap', 'watched', '-n', ns, '--from-literal=a=b');
    const seen = await waitFor(/^watched +1 /m);
    child.kill();
    expect(seen).toMatch(/^NAME +DATA +AGE$/m);
    expect(seen).toMatch(/^watched +1 +\S+$/m);
  });

  it('deletes everything in the all category, then the namespace', () => {
    const r = k('delete', 'all', '--all', '-n', ns);
    expect(r.stdout).toMatch(/deployment.apps "web" deleted/);
    expect(r.stdout).toMatch(/service "web" deleted/);
    expect(k('get', 'deploy', '-n', ns).out).toMatch(new RegExp(`No resources found in ${ns} namespace.`));
    expect(k('delete', 'namespace', ns, '--timeout=60s').stdout).toMatch(new RegExp(`namespace "${ns}" deleted`));
    expect(k('get', 'namespace', ns).stderr).toMatch(new RegExp(`namespaces "${ns}" not found`));
  });
});
