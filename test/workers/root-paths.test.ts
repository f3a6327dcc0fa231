// The paths at the server's root (kubectl get --raw, the kubectl dispatcher's /version probe):
// the cluster named by the token's audience answers them, authorized by its RBAC; without a
// token the Worker answers what system:public-info-viewer allows.
import { describe, it, expect } from 'vitest';
import { SELF } from 'cloudflare:test';
import { token } from './keys';

const ORIGIN = 'https://kubeplay.test';
const T = 'root-paths';
const get = (path: string, tok?: string, headers: Record<string, string> = {}) =>
  SELF.fetch(`${ORIGIN}${path}`, { headers: { ...(tok ? { Authorization: `Bearer ${tok}` } : {}), ...headers } });

describe('paths at the server\'s root', () => {
  it('answers /version and the health checks with or without a token, as kube-apiserver', async () => {
    const tok = await token({ aud: T });
    for (const t of [undefined, tok]) {
      const v = await get('/version', t);
      expect(v.status).toBe(200);
      expect(await v.json()).toMatchObject({ major: '1', minor: '33', gitVersion: expect.stringMatching(/^v1\.33\./) });
      expect(await (await get('/livez', t)).text()).toBe('ok');
      const ready = await get('/readyz?verbose', t);
      expect(ready.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      const body = await ready.text();
      expect(body.startsWith('[+]ping ok\n[+]log ok\n[+]etcd ok\n[+]etcd-readiness ok\n')).toBe(true);
      expect(body.endsWith('[+]shutdown ok\nreadyz check passed\n')).toBe(true);
      expect((await (await get('/healthz?verbose&exclude=etcd', t)).text())).toContain('[+]etcd excluded: ok\n');
    }
  });

  it('answers an individual check and /metrics only with a token (system:monitoring is no anonymous role)', async () => {
    expect((await get('/readyz/ping')).status).toBe(401);
    expect((await get('/metrics')).status).toBe(401);
    const tok = await token({ aud: T });
    expect(await (await get('/readyz/ping', tok)).text()).toBe('ok');
    expect((await get('/readyz/nope', tok)).status).toBe(404);
  });

  it('serves /metrics of the token\'s cluster: its request counters and stored objects', async () => {
    const tok = await token({ aud: T });
    expect((await get('/api/v1/namespaces/default/configmaps', tok)).status).toBe(200);
    expect((await get('/api/v1/namespaces/default/configmaps', tok)).status).toBe(200);
    const res = await get('/metrics', tok);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    const count = Number(/^apiserver_request_total\{code="200",component="apiserver",dry_run="",group="",resource="configmaps",scope="namespace",subresource="",verb="LIST",version="v1"\} (\d+)$/m.exec(text)?.[1]);
    expect(count).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^apiserver_storage_objects\{resource="namespaces"\} [1-9]\d*$/m);
    expect(text).toMatch(/^apiserver_current_inflight_requests\{request_kind="readOnly"\} 1$/m);
    expect(text).toMatch(/^apiserver_request_duration_seconds_bucket\{component="apiserver",.*le="\+Inf"\} \d+$/m);
    // Each cluster counts its own requests: the same path under the prefix reads the same counters.
    const again = await (await SELF.fetch(`${ORIGIN}/clusters/${T}/metrics`, { headers: { Authorization: `Bearer ${tok}` } })).text();
    expect(Number(/resource="configmaps",scope="namespace",subresource="",verb="LIST",version="v1"\} (\d+)$/m.exec(again)?.[1])).toBe(count);
  });

  it('refuses /metrics to a user whose roles do not grant the non-resource URL', async () => {
    const student = await token({ aud: T, sub: 'student:narrow', groups: [] });
    const res = await get('/metrics', student);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ kind: 'Status', reason: 'Forbidden', message: 'forbidden: User "student:narrow" cannot get path "/metrics"', code: 403 });
    // /version and /readyz stay readable: system:public-info-viewer and system:discovery.
    expect((await get('/version', student)).status).toBe(200);
    expect((await get('/readyz', student)).status).toBe(200);
  });

  it('lists the OpenAPI v3 documents at the root, as kube-apiserver names them', async () => {
    const index = await (await get('/openapi/v3', await token({ aud: T }))).json<{ paths: Record<string, { serverRelativeURL: string }> }>();
    expect(index.paths['apis/apps/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]+$/);
  });

  it('refuses a token of no cluster, and a bad one, with 401', async () => {
    expect((await get('/version', await token({ aud: 'kubeplay-admin' }))).status).toBe(401);
    expect((await get('/metrics', 'not-a-token')).status).toBe(401);
  });
});
