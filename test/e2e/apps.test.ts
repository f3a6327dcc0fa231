import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { kubectl, until } from './kubectl';
import { appsManifest, credentials, getWithHost } from './apps-fixtures';

const ns = 'default';
const k = (...args: string[]) => kubectl(args);
const NODE_PORT = 31901;

describe('LoadBalancer, Ingress and traffic from outside', () => {
  let tenant = '';
  let token = '';
  const server = () => inject('serverUrl');
  const byPath = (address: string, t = token) => getWithHost(undefined, `/apps/${tenant}/${address}`, { Authorization: `Bearer ${t}` });

  beforeAll(async () => {
    ({ tenant, token } = credentials(inject('kubeconfig')));
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: appsManifest(NODE_PORT) }).code).toBe(0);
    expect(k('rollout', 'status', 'deploy/hello', '-n', ns, '--timeout=60s').code).toBe(0);
    expect(k('wait', '--for=condition=Ready', 'pod/wp', '-n', ns, '--timeout=60s').code).toBe(0);
  });

  afterAll(() => {
    k('delete', 'deploy/hello', 'pod/wp', 'svc/hello-np', 'svc/hello-lb', 'svc/hello-sticky', 'svc/hello', 'svc/wp', 'ingress/hello', '-n', ns, '--wait=false');
  });

  const lbIP = (name: string) => k('get', 'svc', name, '-n', ns, '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}').stdout;

  it('gives each LoadBalancer an EXTERNAL-IP from the pool, with the service controller events', async () => {
    expect(await until(() => /^172\.18\.255\.\d+$/.test(lbIP('hello-lb')) && /^172\.18\.255\.\d+$/.test(lbIP('wp')))).toBe(true);
    const table = k('get', 'svc', '-n', ns).stdout;
    expect(table).toMatch(/^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE$/m);
    expect(table).toMatch(new RegExp(`^hello-lb +LoadBalancer +10\\.[0-9.]+ +${lbIP('hello-lb').replace(/\./g, '\\.')} +80:3[0-9]{4}/TCP `, 'm'));
    expect(table).toMatch(/^hello-np +NodePort +10\.[0-9.]+ +<none> +80:31901\/TCP /m);
    expect(new Set([lbIP('hello-lb'), lbIP('wp'), lbIP('hello-sticky')]).size).toBe(3);
    const events = k('get', 'events', '-n', ns, '--field-selector', 'involvedObject.name=hello-lb').stdout;
    expect(events).toMatch(/Normal +EnsuringLoadBalancer +service\/hello-lb +Ensuring load balancer/);
    expect(events).toMatch(/Normal +EnsuredLoadBalancer +service\/hello-lb +Ensured load balancer/);
  });

  it('honours spec.loadBalancerIP when free, and frees the address when the Service changes type', async () => {
    expect(k('create', 'service', 'loadbalancer', 'pinned', '--tcp=80:8080', '-n', ns).code).toBe(0);
    expect(k('patch', 'svc', 'pinned', '-n', ns, '-p', '{"spec":{"loadBalancerIP":"172.18.255.240"}}').code).toBe(0);
    expect(await until(() => lbIP('pinned') === '172.18.255.240')).toBe(true);
    expect(k('create', 'service', 'loadbalancer', 'thief', '--tcp=80:8080', '-n', ns).code).toBe(0);
    expect(k('patch', 'svc', 'thief', '-n', ns, '-p', '{"spec":{"loadBalancerIP":"172.18.255.240"}}').code).toBe(0);
    expect(await until(() => /SyncLoadBalancerFailed.*requested IP 172\.18\.255\.240 is already in use/.test(k('get', 'events', '-n', ns, '--field-selector', 'involvedObject.name=thief').stdout))).toBe(true);
    expect(k('get', 'svc', 'thief', '-n', ns).stdout).toMatch(/<pending>/);
    expect(k('patch', 'svc', 'pinned', '-n', ns, '-p', '{"spec":{"type":"ClusterIP","loadBalancerIP":null}}').code).toBe(0);
    expect(await until(() => lbIP('thief') === '172.18.255.240')).toBe(true);
    expect(lbIP('pinned')).toBe('');
    k('delete', 'svc', 'pinned', 'thief', '-n', ns);
  });

  it('publishes the ingress-nginx address on the Ingress', async () => {
    expect(await until(() => /^hello +nginx +hello\.example\.test +172\.18\.255\.200 +80 /m.test(k('get', 'ingress', 'hello', '-n', ns).stdout))).toBe(true);
    expect(k('get', 'ingressclass').stdout).toMatch(/^nginx +k8s\.io\/ingress-nginx /m);
  });

  it('reaches the LoadBalancer address and the Ingress from inside a pod', async () => {
    const ip = lbIP('hello-lb');
    expect(k('exec', 'wp', '-n', ns, '--', 'curl', '-s', `http://${ip}/`).stdout).toMatch(/Hostname: hello-/);
    expect(k('exec', 'wp', '-n', ns, '--', 'curl', '-s', 'http://172.18.255.200/').stdout).toMatch(/404 Not Found/);
  });

  it('serves each way in from outside with a bearer token, round robin, naming the pod', async () => {
    const nodeIP = k('get', 'node', 'worker-1', '-o', 'jsonpath={.status.addresses[?(@.type=="InternalIP")].address}').stdout;
    for (const address of [`${nodeIP}:${NODE_PORT}/`, `${lbIP('hello-lb')}/`, 'hello.example.test/']) {
      const seen = new Set<string>();
      for (let i = 0; i < 3; i++) {
        const r = await byPath(address);
        expect(r.status).toBe(200);
        const host = /Hostname: (\S+)/.exec(r.body)![1];
        expect(r.headers['x-kubeplay-pod']).toBe(`${ns}/${host}`);
        seen.add(host);
      }
      expect(seen.size).toBe(3);
    }
    // ClientIP affinity: one client stays on one pod.
    const sticky = new Set<string>();
    for (let i = 0; i < 4; i++) sticky.add((await byPath(`${lbIP('hello-sticky')}:8080/`)).body.match(/Hostname: (\S+)/)![1]);
    expect(sticky.size).toBe(1);
    // ingress-nginx's default backend for a host nobody serves.
    const none = await byPath('nobody.example.test/');
    expect(none.status).toBe(404);
    expect(none.body).toMatch(/<center>nginx<\/center>/);
    // Nothing listens: the platform says so.
    expect((await byPath(`${nodeIP}:31999/`)).status).toBe(502);
  });

  it('keeps an app redirect under the app URL', async () => {
    const r = await byPath(`${lbIP('wp')}/`);
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe(`${server()}/apps/${tenant}/${lbIP('wp')}/wp-admin/install.php`);
    const host = `${tenant}.apps.localhost`;
    const h = await getWithHost(host, `/${lbIP('wp')}/`, { Authorization: `Bearer ${token}` });
    expect(h.headers.location).toBe(`https://${host}:${new URL(server()).port}/${lbIP('wp')}/wp-admin/install.php`);
  });

  it("refuses another student's credentials and requests without any", async () => {
    const other = credentials(inject('otherKubeconfig')).token;
    expect((await byPath(`${lbIP('hello-lb')}/`, other)).status).toBe(403);
    expect((await getWithHost(undefined, `/apps/${tenant}/${lbIP('hello-lb')}/`)).status).toBe(401);
    const host = `${tenant}.apps.localhost`;
    expect((await getWithHost(host, `/${lbIP('hello-lb')}/`)).status).toBe(401);
    expect((await getWithHost(host, `/${lbIP('hello-lb')}/`, { Authorization: `Bearer ${other}` })).status).toBe(403);
    // A cluster API token is no app session, and an app credential is no API token.
    expect((await getWithHost(host, `/${lbIP('hello-lb')}/`, { Cookie: `kubeplay_app=${token}` })).status).toBe(401);
  });
});
