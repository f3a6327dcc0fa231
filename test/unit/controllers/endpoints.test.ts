import { describe, it, expect } from 'vitest';
import { endpointsSubsets, sliceEndpoints, targetPortOn } from '../../../src/controllers/endpoints/build';

const svc = { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] } };
const pod = (name: string, ip: string, ready: boolean, app = 'web') => ({
  metadata: { name, namespace: 'd', uid: `u-${name}`, labels: { app } },
  spec: { nodeName: 'worker-1', containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }] },
  status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

describe('endpoints of a Service', () => {
  it('resolves a named target port to the container port', () => {
    expect(targetPortOn(pod('a', '10.244.1.2', true), svc.spec.ports[0])).toBe(8080);
    expect(targetPortOn(pod('a', '10.244.1.2', true), { port: 80 })).toBe(80);
  });

  it('lists ready pods as addresses and the others as not ready, ignoring pods of other selectors', () => {
    const subsets = endpointsSubsets(svc, [pod('b', '10.244.1.3', true), pod('a', '10.244.1.2', true), pod('c', '10.244.2.2', false), pod('x', '10.244.2.9', true, 'db')]);
    expect(subsets).toHaveLength(1);
    expect(subsets[0].addresses.map((a: any) => a.ip)).toEqual(['10.244.1.2', '10.244.1.3']);
    expect(subsets[0].notReadyAddresses.map((a: any) => a.ip)).toEqual(['10.244.2.2']);
    expect(subsets[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  it('gives the slice each pod with its conditions', () => {
    const s = sliceEndpoints(svc, [pod('a', '10.244.1.2', true), pod('c', '10.244.2.2', false)]);
    expect(s.endpoints.map((e) => `${e.addresses[0]} ${e.conditions.ready}`)).toEqual(['10.244.1.2 true', '10.244.2.2 false']);
    expect(s.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });
});
