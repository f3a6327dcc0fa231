import { describe, it, expect } from 'vitest';
import { quotaRefusal } from '../../../src/resources/resourcequota/admission';
import { quotaUsed } from '../../../src/resources/resourcequota/usage';
import { formatList } from '../../../src/resources/resourcequota/resource-list';

const now = new Date('2026-01-01T00:00:00Z');
const quota = (name: string, hard: Record<string, string>, spec: any = {}) => ({ metadata: { name, namespace: 'n' }, spec: { hard, ...spec } });
const pod = (name: string, res: any = {}, extra: any = {}) => ({
  metadata: { name, namespace: 'n' },
  spec: { containers: [{ name: 'nginx', image: 'nginx', resources: res }], ...(extra.spec ?? {}) },
  status: { phase: extra.phase ?? 'Running' },
});
const lister = (objs: Record<string, any[]>) => (key: string) => objs[key] ?? [];

describe('ResourceQuota admission', () => {
  it('refuses a pod past the pod count with upstream wording', () => {
    const list = lister({ pods: [pod('q1'), pod('q2')] });
    expect(quotaRefusal([quota('pod-quota', { pods: '2' })], 'pods', pod('q3'), undefined, list, now)).toBe(
      'exceeded quota: pod-quota, requested: pods=1, used: pods=2, limited: pods=2',
    );
  });

  it('does not count finished pods', () => {
    const list = lister({ pods: [pod('q1', {}, { phase: 'Succeeded' }), pod('q2', {}, { phase: 'Failed' })] });
    expect(quotaRefusal([quota('q', { pods: '1' })], 'pods', pod('q3'), undefined, list, now)).toBeUndefined();
  });

  it('sums compute requests and names only the exceeded resources', () => {
    const r = { requests: { cpu: '500m', memory: '100Mi' }, limits: { cpu: '1', memory: '100Mi' } };
    const list = lister({ pods: [pod('a', r), pod('b', r)] });
    const q = quota('compute-quota', { 'requests.cpu': '1500m', 'requests.memory': '1Gi' });
    const big = pod('x', { requests: { cpu: '600m', memory: '100Mi' }, limits: { cpu: '1', memory: '100Mi' } });
    expect(quotaRefusal([q], 'pods', big, undefined, list, now)).toBe(
      'exceeded quota: compute-quota, requested: requests.cpu=600m, used: requests.cpu=1, limited: requests.cpu=1500m',
    );
  });

  it('requires every container to give the limits a quota tracks', () => {
    const q = quota('q', { 'limits.cpu': '2', 'limits.memory': '1Gi' });
    expect(quotaRefusal([q], 'pods', pod('x'), undefined, lister({}), now)).toBe('failed quota: q: must specify limits.cpu for: nginx; limits.memory for: nginx');
  });

  it('applies scoped quotas only to the pods in scope', () => {
    const q = quota('be', { pods: '0' }, { scopes: ['BestEffort'] });
    expect(quotaRefusal([q], 'pods', pod('burstable', { requests: { cpu: '1' } }), undefined, lister({}), now)).toBeUndefined();
    expect(quotaRefusal([q], 'pods', pod('besteffort'), undefined, lister({}), now)).toMatch(/^exceeded quota: be, requested: pods=1/);
    const t = quota('t', { pods: '0' }, { scopes: ['Terminating'] });
    expect(quotaRefusal([t], 'pods', pod('x'), undefined, lister({}), now)).toBeUndefined();
    expect(quotaRefusal([t], 'pods', pod('y', {}, { spec: { activeDeadlineSeconds: 30 } }), undefined, lister({}), now)).toMatch(/^exceeded quota: t/);
  });

  it('matches a PriorityClass scope selector', () => {
    const q = quota('pc', { pods: '0' }, { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } });
    expect(quotaRefusal([q], 'pods', pod('low', {}, { spec: { priorityClassName: 'low' } }), undefined, lister({}), now)).toBeUndefined();
    expect(quotaRefusal([q], 'pods', pod('high', {}, { spec: { priorityClassName: 'high' } }), undefined, lister({}), now)).toMatch(/^exceeded quota: pc/);
  });

  it('counts node ports of NodePort services and charges only the difference on update', () => {
    const svc = (type: string, ports: number) => ({ metadata: { name: 's', namespace: 'n' }, spec: { type, ports: Array.from({ length: ports }, (_, i) => ({ port: 80 + i })) } });
    const q = quota('q', { 'services.nodeports': '1', 'services.loadbalancers': '0' });
    expect(quotaRefusal([q], 'services', svc('NodePort', 2), undefined, lister({}), now)).toBe(
      'exceeded quota: q, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1',
    );
    const old = svc('ClusterIP', 1);
    expect(quotaRefusal([q], 'services', svc('NodePort', 1), old, lister({ services: [old] }), now)).toBeUndefined();
    expect(quotaRefusal([q], 'services', svc('LoadBalancer', 1), old, lister({ services: [old] }), now)).toMatch(/services.loadbalancers=1/);
  });

  it('counts objects of any kind by count/<resource>.<group>', () => {
    const d = (name: string) => ({ metadata: { name, namespace: 'n' }, spec: {} });
    const q = quota('q', { 'count/deployments.apps': '1' });
    expect(quotaRefusal([q], 'deployments.apps', d('b'), undefined, lister({ 'deployments.apps': [d('a')] }), now)).toBe(
      'exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
    );
    expect(quotaRefusal([q], 'deployments.apps', d('a'), d('a'), lister({ 'deployments.apps': [d('a')] }), now)).toBeUndefined();
  });

  it('accounts claims by storage and by storage class', () => {
    const pvc = (name: string, storage: string) => ({ metadata: { name, namespace: 'n' }, spec: { storageClassName: 'fast', resources: { requests: { storage } } } });
    const q = quota('q', { 'requests.storage': '10Gi', 'fast.storageclass.storage.k8s.io/requests.storage': '3Gi', persistentvolumeclaims: '5' });
    const used = quotaUsed(q, lister({ persistentvolumeclaims: [pvc('a', '2Gi')] }), now);
    expect(formatList(used)).toEqual({ 'fast.storageclass.storage.k8s.io/requests.storage': '2Gi', persistentvolumeclaims: '1', 'requests.storage': '2Gi' });
    expect(quotaRefusal([q], 'persistentvolumeclaims', pvc('b', '2Gi'), undefined, lister({ persistentvolumeclaims: [pvc('a', '2Gi')] }), now)).toBe(
      'exceeded quota: q, requested: fast.storageclass.storage.k8s.io/requests.storage=2Gi, used: fast.storageclass.storage.k8s.io/requests.storage=2Gi, limited: fast.storageclass.storage.k8s.io/requests.storage=3Gi',
    );
  });
});
