import { describe, it, expect } from 'vitest';
import { claimViolations, defaultPodResources, podViolations } from '../../../src/resources/limitrange/admission';
import { aggregate } from '../../../src/resources/limitrange/constraints';

const lr = (limits: any[]) => ({ metadata: { name: 'lr', namespace: 'n' }, spec: { limits } });
const pod = (containers: any[], extra: any = {}) => ({ metadata: { name: 'p', namespace: 'n' }, spec: { containers, ...extra } });
const c = (name: string, resources: any = {}) => ({ name, image: 'nginx', resources });

describe('LimitRanger defaults', () => {
  it('sets missing limits and requests from a Container item and says so in the annotation', () => {
    const p = pod([c('nginx')]);
    defaultPodResources(lr([{ type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '250m', memory: '256Mi' } }]), p);
    expect(p.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } });
    expect((p.metadata as any).annotations['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx',
    );
  });

  it('keeps what the container gives and names only what it set, init containers too', () => {
    const p = pod([c('app', { limits: { memory: '1Gi' } })], { initContainers: [c('init')] });
    defaultPodResources(lr([{ type: 'Container', default: { memory: '512Mi' }, defaultRequest: { memory: '256Mi' } }]), p);
    expect(p.spec.containers[0].resources.limits.memory).toBe('1Gi');
    expect((p.metadata as any).annotations['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: memory request for container app; memory request for init container init; memory limit for init container init',
    );
  });

  it('leaves a pod without annotation when nothing was defaulted', () => {
    const p = pod([c('app', { limits: { cpu: '1' }, requests: { cpu: '1' } })]);
    defaultPodResources(lr([{ type: 'Pod', max: { cpu: '2' } }]), p);
    expect((p.metadata as any).annotations).toBeUndefined();
  });
});

describe('LimitRanger constraints', () => {
  it('refuses a container limit over max with upstream wording', () => {
    const errs = podViolations(lr([{ type: 'Container', max: { cpu: '1' } }]), pod([c('app', { limits: { cpu: '2' }, requests: { cpu: '2' } })]));
    expect(errs).toEqual(['maximum cpu usage per Container is 1, but limit is 2']);
  });

  it('requires a limit under max and a request over min', () => {
    const errs = podViolations(lr([{ type: 'Container', max: { memory: '1Gi' }, min: { cpu: '100m' } }]), pod([c('app')]));
    expect(errs).toEqual(['minimum cpu usage per Container is 100m.  No request is specified', 'maximum memory usage per Container is 1Gi.  No limit is specified']);
    expect(aggregate(errs)).toBe('[minimum cpu usage per Container is 100m.  No request is specified, maximum memory usage per Container is 1Gi.  No limit is specified]');
  });

  it('checks maxLimitRequestRatio', () => {
    const errs = podViolations(lr([{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }]), pod([c('app', { requests: { cpu: '100m' }, limits: { cpu: '500m' } })]));
    expect(errs).toEqual(['cpu max limit to request ratio per Container is 2, but provided ratio is 5.000000']);
  });

  it('sums the containers for a Pod item', () => {
    const p = pod([c('a', { requests: { memory: '600Mi' }, limits: { memory: '600Mi' } }), c('b', { requests: { memory: '600Mi' }, limits: { memory: '600Mi' } })]);
    expect(podViolations(lr([{ type: 'Pod', max: { memory: '1Gi' } }]), p)).toEqual(['maximum memory usage per Pod is 1Gi, but limit is 1200Mi']);
  });

  it('bounds the storage a claim requests', () => {
    const pvc = (storage: string) => ({ metadata: { name: 'c' }, spec: { resources: { requests: { storage } } } });
    const range = lr([{ type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '2Gi' } }]);
    expect(claimViolations(range, pvc('5Gi'))).toEqual(['maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi']);
    expect(claimViolations(range, pvc('500Mi'))).toEqual(['minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi']);
    expect(claimViolations(range, pvc('1Gi'))).toEqual([]);
  });
});
