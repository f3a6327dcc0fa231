import { describe, it, expect } from 'vitest';
import { healthResponse, isHealthPath } from '../../../src/apiserver/health';

const text = async (path: string, query = '') => {
  const res = healthResponse(path, new URLSearchParams(query));
  return res ? { status: res.status, type: res.headers.get('content-type'), body: await res.text() } : undefined;
};

describe('health endpoints', () => {
  it('answers ok without verbose, as kube-apiserver does', async () => {
    for (const p of ['/healthz', '/livez', '/readyz']) expect(await text(p)).toEqual({ status: 200, type: 'text/plain; charset=utf-8', body: 'ok' });
  });

  it('lists every check with ?verbose, readyz with its readiness checks, in upstream order', async () => {
    const ready = (await text('/readyz', 'verbose'))!.body.split('\n');
    expect(ready.slice(0, 6)).toEqual(['[+]ping ok', '[+]log ok', '[+]etcd ok', '[+]etcd-readiness ok', '[+]informer-sync ok', '[+]poststarthook/start-apiserver-admission-initializer ok']);
    expect(ready.slice(-4)).toEqual(['[+]poststarthook/apiservice-openapiv3-controller ok', '[+]shutdown ok', 'readyz check passed', '']);
    const live = (await text('/livez', 'verbose'))!.body;
    expect(live).toContain('[+]poststarthook/rbac/bootstrap-roles ok\n');
    expect(live).not.toContain('etcd-readiness');
    expect(live).not.toContain('shutdown');
    expect(live.endsWith('[+]poststarthook/apiservice-openapiv3-controller ok\nlivez check passed\n')).toBe(true);
    expect((await text('/healthz', 'verbose'))!.body.endsWith('healthz check passed\n')).toBe(true);
  });

  it('skips excluded checks and warns of names that match none', async () => {
    const body = (await text('/readyz', 'verbose&exclude=etcd&exclude=nope&exclude=shutdown&exclude=also-not'))!.body;
    expect(body).toContain('[+]etcd excluded: ok\n');
    expect(body).toContain('[+]shutdown excluded: ok\n');
    expect(body).toContain('[+]etcd-readiness ok\n');
    expect(body).toContain('warn: some health checks cannot be excluded: no matches for "also-not","nope"\nreadyz check passed\n');
    expect((await text('/readyz', 'exclude=etcd'))!.body).toBe('ok');
  });

  it('answers one check by its path, and no check it does not have', async () => {
    expect((await text('/readyz/ping'))!.body).toBe('ok');
    expect((await text('/livez/poststarthook/rbac/bootstrap-roles'))!.body).toBe('ok');
    expect((await text('/readyz/shutdown'))!.body).toBe('ok');
    expect(await text('/livez/shutdown')).toBeUndefined();
    expect(await text('/readyz/nope')).toBeUndefined();
    expect(await text('/version')).toBeUndefined();
    expect(isHealthPath('/healthz/etcd')).toBe(true);
    expect(isHealthPath('/healthzz')).toBe(false);
  });
});
