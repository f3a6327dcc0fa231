import { describe, expect, it } from 'vitest';
import { allocate, inPool, INGRESS_NGINX_IP } from '../../../src/controllers/service/pool';

describe('the LoadBalancer address pool', () => {
  it('gives the lowest free address after the ingress controller’s', () => {
    expect(INGRESS_NGINX_IP).toBe('172.18.255.200');
    expect(allocate(new Set())).toEqual({ ok: true, ip: '172.18.255.201' });
    expect(allocate(new Set(['172.18.255.201', '172.18.255.203']))).toEqual({ ok: true, ip: '172.18.255.202' });
  });

  it('honours spec.loadBalancerIP when it is in the pool and free', () => {
    expect(allocate(new Set(), '172.18.255.240')).toEqual({ ok: true, ip: '172.18.255.240' });
    expect(allocate(new Set(['172.18.255.240']), '172.18.255.240')).toEqual({ ok: false, reason: 'requested IP 172.18.255.240 is already in use' });
    expect(allocate(new Set(), '10.0.0.1')).toMatchObject({ ok: false, reason: expect.stringMatching(/not in the address pool 172\.18\.255\.200-172\.18\.255\.250/) });
    expect(allocate(new Set(), INGRESS_NGINX_IP)).toMatchObject({ ok: false });
  });

  it('says so when the pool is exhausted', () => {
    const used = new Set(Array.from({ length: 50 }, (_, i) => `172.18.255.${201 + i}`));
    expect(allocate(used)).toEqual({ ok: false, reason: 'no available IPs in the address pool 172.18.255.200-172.18.255.250' });
    expect(inPool('172.18.255.250')).toBe(true);
    expect(inPool('172.18.255.251')).toBe(false);
  });
});
