import { describe, it, expect } from 'vitest';
import { SELF } from 'cloudflare:test';
import { token } from './keys';

const api = (tenant: string, path: string, tok?: string) =>
  SELF.fetch(`https://kubeplay.test/clusters/${tenant}${path}`, { headers: tok ? { Authorization: `Bearer ${tok}` } : {} });

describe('the Worker', () => {
  it('serves a tenant its cluster with a token for that tenant', async () => {
    const res = await api('test', '/api/v1/namespaces', await token({ aud: 'test' }));
    expect(res.status).toBe(200);
  });

  it('refuses a token of another tenant with a 401 Status', async () => {
    const res = await api('test', '/api/v1/namespaces', await token({ aud: 'other' }));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
  });

  it('refuses an unsigned (alg none) token and an expired one', async () => {
    const header = btoa(JSON.stringify({ alg: 'none', typ: 'JWT' })).replace(/=+$/, '');
    const payload = btoa(JSON.stringify({ sub: 'x', aud: 'test', iss: 'https://kubeplay.local', exp: Math.floor(Date.now() / 1000) + 60 })).replace(/=+$/, '');
    expect((await api('test', '/api', `${header}.${payload}.`)).status).toBe(401);
    expect((await api('test', '/api', await token({ exp: '-1m' }))).status).toBe(401);
  });

  it('answers /version without a token, and nothing else', async () => {
    const v = await api('test', '/version');
    expect(v.status).toBe(200);
    expect((await v.json<any>()).gitVersion).toMatch(/^v1\.33\./);
    expect((await api('test', '/api')).status).toBe(401);
  });

  it('answers aggregated discovery with its exact content type', async () => {
    const res = await SELF.fetch('https://kubeplay.test/clusters/test/apis', {
      headers: { Authorization: `Bearer ${await token()}`, Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' },
    });
    expect(res.headers.get('content-type')).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const doc = await res.json<any>();
    const apps = doc.items.find((g: any) => g.metadata.name === 'apps');
    const deploy = apps.versions[0].resources.find((r: any) => r.resource === 'deployments');
    expect(deploy).toMatchObject({ scope: 'Namespaced', shortNames: ['deploy'], categories: ['all'], singularResource: 'deployment' });
  });
});
