import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubectl } from './kubectl';

/**
 * Discovery against the kubeadm 1.33 lists of test/fixtures/kubeadm-1.33, and the objects a fresh
 * kubeadm cluster holds for the API machinery kinds, as kubectl 1.33 prints them.
 */
const fixtures = join(__dirname, '..', 'fixtures', 'kubeadm-1.33');
const k = (...args: string[]) => kubectl(args, { minor: 33 });

type Row = { name: string; shortNames: string; apiVersion: string; namespaced: string; kind: string; verbs: string; categories: string };

/** The rows of kubectl's table, cut at the header's column starts (cells may be empty). */
function parseTable(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split('\n');
  const starts = [...header.matchAll(/\S+/g)].map((m) => ({ name: m[0], at: m.index! }));
  return lines.map((line) => Object.fromEntries(starts.map((c, i) => [c.name, line.slice(c.at, starts[i + 1]?.at ?? line.length).trim()])));
}

function kubeadmRows(): Row[] {
  return readFileSync(join(fixtures, 'api-resources.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => {
    const [name, shortNames, apiVersion, namespaced, kind, verbs, categories] = l.split('\t');
    return { name, shortNames, apiVersion, namespaced, kind, verbs: verbs.split(' ').join(','), categories };
  });
}

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

describe('discovery as on kubeadm 1.33', () => {
  it('lists the API resources of every built-in group it serves as kubeadm 1.33 does, in order, with verbs and categories', () => {
    const r = k('api-resources', '-o', 'wide');
    expect(r.code).toBe(0);
    const served: Row[] = parseTable(r.stdout).map((c) => ({
      name: c.NAME, shortNames: c.SHORTNAMES, apiVersion: c.APIVERSION, namespaced: c.NAMESPACED, kind: c.KIND, verbs: c.VERBS, categories: c.CATEGORIES,
    }));
    const servedGroups = new Set(served.map((s) => groupOf(s.apiVersion)));
    const expected = kubeadmRows().filter((row) => servedGroups.has(groupOf(row.apiVersion)));
    const builtIn = served.filter((s) => expected.some((e) => groupOf(e.apiVersion) === groupOf(s.apiVersion)));
    expect(builtIn).toEqual(expected);
    // Every group of kubeadm's list is served.
    const missing = [...new Set(kubeadmRows().map((row) => groupOf(row.apiVersion)))].filter((g) => !servedGroups.has(g));
    expect(missing).toEqual([]);
  });

  it('lists the API versions of kubeadm 1.33', () => {
    const want = readFileSync(join(fixtures, 'api-versions.txt'), 'utf8').trim().split('\n');
    const got = k('api-versions').stdout.trim().split('\n');
    const extra = new Set(['kubeplay.dev/v1', 'metrics.k8s.io/v1beta1']);
    expect(got.filter((v) => !extra.has(v))).toEqual(want);
  });

  it('shows a local APIService, Available, for every group version', () => {
    const r = k('get', 'apiservices');
    expect(r.stdout).toMatch(/^NAME +SERVICE +AVAILABLE +AGE$/m);
    for (const gv of k('api-versions').stdout.trim().split('\n')) {
      const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
      expect(r.stdout).toMatch(new RegExp(`^${`${version}.${group}`.replace(/\./g, '\\.')} +Local +True +\\S+$`, 'm'));
    }
  });

  it('has the system PriorityClasses', () => {
    const r = k('get', 'priorityclasses');
    expect(r.stdout).toMatch(/^NAME +VALUE +GLOBAL-DEFAULT +AGE +PREEMPTIONPOLICY$/m);
    expect(r.stdout).toMatch(/^system-cluster-critical +2000000000 +false +\S+ +PreemptLowerPriority$/m);
    expect(r.stdout).toMatch(/^system-node-critical +2000001000 +false +\S+ +PreemptLowerPriority$/m);
  });

  it("has API Priority and Fairness' default FlowSchemas and PriorityLevelConfigurations", () => {
    const fs = k('get', 'flowschemas');
    expect(fs.stdout).toMatch(/^NAME +PRIORITYLEVEL +MATCHINGPRECEDENCE +DISTINGUISHERMETHOD +AGE +MISSINGPL$/m);
    expect(fs.stdout).toMatch(/^exempt +exempt +1 +<none> +\S+ +False$/m);
    expect(fs.stdout).toMatch(/^kube-system-service-accounts +workload-high +900 +ByNamespace +\S+ +False$/m);
    expect(fs.stdout).toMatch(/^catch-all +catch-all +10000 +ByUser +\S+ +False$/m);
    expect(parseTable(fs.stdout).length).toBe(13);
    const pl = k('get', 'prioritylevelconfigurations');
    expect(pl.stdout).toMatch(/^NAME +TYPE +NOMINALCONCURRENCYSHARES +QUEUES +HANDSIZE +QUEUELENGTHLIMIT +AGE$/m);
    expect(pl.stdout).toMatch(/^exempt +Exempt +<none> +<none> +<none> +<none> +\S+$/m);
    expect(pl.stdout).toMatch(/^catch-all +Limited +5 +<none> +<none> +<none> +\S+$/m);
    expect(pl.stdout).toMatch(/^workload-low +Limited +100 +128 +6 +50 +\S+$/m);
  });

  it('has the kubernetes ServiceCIDR, an IPAddress per ClusterIP and a CSINode per node', () => {
    expect(k('get', 'servicecidrs').stdout).toMatch(/^kubernetes +10\.96\.0\.0\/12 +\S+$/m);
    expect(k('get', 'servicecidr', 'kubernetes', '-o', 'jsonpath={.status.conditions[0].type}={.status.conditions[0].status}').stdout).toBe('Ready=True');
    const ips = k('get', 'ipaddresses');
    expect(ips.stdout).toMatch(/^NAME +PARENTREF$/m);
    expect(ips.stdout).toMatch(/^10\.96\.0\.1 +services\/default\/kubernetes$/m);
    expect(ips.stdout).toMatch(/^10\.96\.0\.10 +services\/kube-system\/kube-dns$/m);
    const nodes = k('get', 'nodes', '-o', 'name').stdout.trim().split('\n').map((n) => n.replace('node/', ''));
    const csinodes = k('get', 'csinodes');
    for (const n of nodes) expect(csinodes.stdout).toMatch(new RegExp(`^${n} +0 +\\S+$`, 'm'));
  });

  it('records the ClusterIP of a new Service as an IPAddress, and forgets it with the Service', async () => {
    k('delete', 'service', 'ip-probe', '--ignore-not-found');
    expect(k('create', 'service', 'clusterip', 'ip-probe', '--tcp=80:80').code).toBe(0);
    const ip = k('get', 'service', 'ip-probe', '-o', 'jsonpath={.spec.clusterIP}').stdout;
    expect(ip).toMatch(/^10\.\d+\.\d+\.\d+$/);
    const recorded = () => k('get', 'ipaddress', ip, '-o', 'jsonpath={.spec.parentRef.resource}/{.spec.parentRef.namespace}/{.spec.parentRef.name}').stdout;
    await expect.poll(recorded, { timeout: 20_000 }).toBe('services/default/ip-probe');
    expect(k('delete', 'service', 'ip-probe').code).toBe(0);
    await expect.poll(() => k('get', 'ipaddress', ip).stderr, { timeout: 20_000 }).toMatch(`ipaddresses.networking.k8s.io "${ip}" not found`);
  });

  it('refuses PriorityClasses kube-apiserver refuses', () => {
    const sys = k('create', 'priorityclass', 'system-mine', '--value=5');
    expect(sys.stderr).toMatch(/PriorityClass.scheduling.k8s.io "system-mine" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class/);
    const big = k('create', 'priorityclass', 'too-high', '--value=1000000001');
    expect(big.stderr).toMatch(/"too-high" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000/);
  });

  it('warns, as a 1.33 kube-apiserver does, of the deprecated Endpoints and ComponentStatus APIs', () => {
    const ep = k('get', 'endpoints', 'kubernetes', '-n', 'default');
    expect(ep.stderr).toMatch(/^Warning: v1 Endpoints is deprecated in v1\.33\+; use discovery\.k8s\.io\/v1 EndpointSlice$/m);
    expect(ep.stdout).toMatch(/^kubernetes +172\.18\.0\.2:6443 +\S+$/m);
    const missing = k('get', 'endpoints', 'nowhere', '-n', 'default');
    expect(missing.stderr).toMatch(/^Warning: v1 Endpoints is deprecated in v1\.33\+; use discovery\.k8s\.io\/v1 EndpointSlice\nError from server \(NotFound\): endpoints "nowhere" not found$/m);
    expect(k('get', 'componentstatuses').stderr).toMatch(/^Warning: v1 ComponentStatus is deprecated in v1\.19\+$/m);
    expect(k('get', 'endpointslices', '-n', 'default').stderr).not.toMatch(/Warning/);
  });
});
