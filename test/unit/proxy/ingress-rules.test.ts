import { describe, expect, it } from 'vitest';
import { hostHasTls, pathScore, routeIngress, servedByNginx } from '../../../src/sim/ingress/rules';

const ing = (name: string, spec: any, created = '2026-01-01T00:00:00Z', cls: string | undefined = 'nginx') => ({
  metadata: { name, namespace: 'd', creationTimestamp: created },
  spec: { ...(cls ? { ingressClassName: cls } : {}), ...spec },
});
const be = (name: string, number = 80) => ({ service: { name, port: { number } } });
const rule = (host: string | undefined, paths: [string, string, string][]) => ({
  ...(host ? { host } : {}),
  http: { paths: paths.map(([path, pathType, svc]) => ({ path, pathType, backend: be(svc) })) },
});
const svcOf = (r: ReturnType<typeof routeIngress>) => r?.backend.service?.name;

describe('ingress paths', () => {
  it('matches Prefix by path elements, Exact exactly, ImplementationSpecific as an nginx prefix', () => {
    expect(pathScore('/foo', 'Prefix', '/foo')).toBeGreaterThan(0);
    expect(pathScore('/foo', 'Prefix', '/foo/bar')).toBeGreaterThan(0);
    expect(pathScore('/foo/', 'Prefix', '/foo')).toBeGreaterThan(0);
    expect(pathScore('/foo', 'Prefix', '/foobar')).toBe(-1);
    expect(pathScore('/', 'Prefix', '/anything')).toBeGreaterThan(0);
    expect(pathScore('/foo', 'Exact', '/foo')).toBeGreaterThan(0);
    expect(pathScore('/foo', 'Exact', '/foo/')).toBe(-1);
    expect(pathScore('/foo', 'ImplementationSpecific', '/foobar')).toBeGreaterThan(0);
  });
});

describe('routeIngress', () => {
  const ingresses = [
    ing('shop', { rules: [rule('shop.example.com', [['/', 'Prefix', 'front'], ['/api', 'Prefix', 'api'], ['/api/v2', 'Exact', 'v2']])], tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }] }),
    ing('wild', { rules: [rule('*.example.com', [['/', 'Prefix', 'wild']])] }),
    ing('catch', { rules: [rule(undefined, [['/hello', 'Prefix', 'hello']])], defaultBackend: be('fallback') }, '2026-01-02T00:00:00Z'),
    ing('other-class', { rules: [rule('shop.example.com', [['/admin', 'Prefix', 'stolen']])] }, '2025-01-01T00:00:00Z', 'traefik'),
    ing('late', { rules: [rule('shop.example.com', [['/api', 'Prefix', 'late-api']])] }, '2026-06-01T00:00:00Z', undefined),
  ];

  it('picks the exact host, the longest path, and Exact over Prefix', () => {
    expect(svcOf(routeIngress(ingresses, 'shop.example.com', '/'))).toBe('front');
    expect(svcOf(routeIngress(ingresses, 'shop.example.com:443', '/api/users'))).toBe('api');
    expect(svcOf(routeIngress(ingresses, 'SHOP.example.com', '/api/v2'))).toBe('v2');
    expect(svcOf(routeIngress(ingresses, 'shop.example.com', '/apix'))).toBe('front');
  });

  it('lets the oldest Ingress win a tie, and ignores other classes', () => {
    expect(svcOf(routeIngress(ingresses, 'shop.example.com', '/api'))).toBe('api');
    expect(svcOf(routeIngress(ingresses, 'shop.example.com', '/admin'))).toBe('front');
    expect(servedByNginx(ingresses[3])).toBe(false);
    expect(servedByNginx(ingresses[4])).toBe(true);
  });

  it('falls back to a one-label wildcard, then the host-less rules and the default backend', () => {
    expect(svcOf(routeIngress(ingresses, 'blog.example.com', '/x'))).toBe('wild');
    expect(svcOf(routeIngress(ingresses, 'a.b.example.com', '/hello/there'))).toBe('hello');
    expect(svcOf(routeIngress(ingresses, '172.18.255.200', '/nothing'))).toBe('fallback');
    expect(routeIngress([ingresses[0]], 'unknown.test', '/')).toBeUndefined();
  });

  it('names the TLS Secret of a host', () => {
    expect(routeIngress(ingresses, 'shop.example.com', '/')?.tls?.secretName).toBe('shop-tls');
    expect(hostHasTls(ingresses, 'shop.example.com')?.secretName).toBe('shop-tls');
    expect(hostHasTls(ingresses, 'blog.example.com')).toBeUndefined();
  });
});
