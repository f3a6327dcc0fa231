import { describe, expect, it } from 'vitest';
import { affinitySeconds, ProxyState, readyEndpoints } from '../../../src/sim/runtime/kube-proxy';

const eps = {
  metadata: { name: 'web' },
  subsets: [
    { addresses: [{ ip: '10.244.2.4' }, { ip: '10.244.1.9' }], notReadyAddresses: [{ ip: '10.244.1.3' }], ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }] },
    { addresses: [{ ip: '10.244.1.10' }], ports: [{ name: 'http', port: 8081 }] },
  ],
};

describe('readyEndpoints', () => {
  it('lists the ready addresses of the named port, in address order', () => {
    expect(readyEndpoints(eps, { name: 'http' })).toEqual([
      { ip: '10.244.1.9', port: 8080 },
      { ip: '10.244.1.10', port: 8081 },
      { ip: '10.244.2.4', port: 8080 },
    ]);
    expect(readyEndpoints(eps, { name: 'metrics' })).toHaveLength(2);
    expect(readyEndpoints(eps, {})).toEqual([]);
    expect(readyEndpoints(undefined, { name: 'http' })).toEqual([]);
  });
});

describe('ProxyState.pick', () => {
  const choices = readyEndpoints(eps, { name: 'http' });

  it('goes round robin over the ready endpoints', () => {
    const s = new ProxyState();
    const ips = Array.from({ length: 6 }, () => s.pick('ns/web:http', choices, '1.2.3.4', 0)!.ip);
    expect(ips).toEqual(['10.244.1.9', '10.244.1.10', '10.244.2.4', '10.244.1.9', '10.244.1.10', '10.244.2.4']);
  });

  it('keeps a client on its endpoint with ClientIP affinity, until it times out or the endpoint goes', () => {
    const s = new ProxyState();
    const first = s.pick('ns/web:http', choices, '1.2.3.4', 0, 10)!;
    expect(s.pick('ns/web:http', choices, '1.2.3.4', 5_000, 10)).toEqual(first);
    expect(s.pick('ns/web:http', choices, '5.6.7.8', 5_000, 10)).not.toEqual(first);
    expect(s.pick('ns/web:http', choices, '1.2.3.4', 14_000, 10)).toEqual(first); // renewed at 5 s
    expect(s.pick('ns/web:http', choices, '1.2.3.4', 30_000, 10)).not.toEqual(first);
    const s2 = new ProxyState();
    const held = s2.pick('k', choices, 'c', 0, 100)!;
    const others = choices.filter((c) => c.ip !== held.ip);
    expect(others).toContainEqual(s2.pick('k', others, 'c', 1, 100));
  });

  it('has nothing to give without endpoints', () => {
    expect(new ProxyState().pick('k', [], 'c', 0)).toBeUndefined();
  });
});

describe('affinitySeconds', () => {
  it('reads ClientIP affinity and its timeout (10800 s by default)', () => {
    expect(affinitySeconds({ metadata: {}, spec: { sessionAffinity: 'None' } })).toBeUndefined();
    expect(affinitySeconds({ metadata: {}, spec: { sessionAffinity: 'ClientIP' } })).toBe(10800);
    expect(affinitySeconds({ metadata: {}, spec: { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } } })).toBe(60);
  });
});
