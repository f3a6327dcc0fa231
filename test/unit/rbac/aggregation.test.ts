import { describe, expect, it } from 'vitest';
import { aggregatedRules, aggregateAll, bootstrapPolicyOps, clusterRoleAggregationController } from '../../../src/rbac/aggregation';
import { defaults, role } from './fixtures';

describe('ClusterRole aggregation', () => {
  it('admin ⊇ edit ⊇ view, transitively, without duplicates', () => {
    const { clusterRoles } = defaults();
    const by = (n: string) => clusterRoles.find((r) => r.metadata.name === n) as any;
    const key = (r: any) => JSON.stringify(r);
    const view = by('view').rules.map(key);
    const edit = by('edit').rules.map(key);
    const admin = by('admin').rules.map(key);
    expect(view.length).toBeGreaterThan(5);
    expect(view.every((r: string) => edit.includes(r))).toBe(true);
    expect(edit.every((r: string) => admin.includes(r))).toBe(true);
    expect(new Set(admin).size).toBe(admin.length);
  });

  it('a new role labelled aggregate-to-view joins view', () => {
    const { clusterRoles } = defaults();
    const extra = role('crd-reader', [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get'] }]);
    extra.metadata.labels = { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' };
    const all = [...clusterRoles.map((r) => structuredClone(r)), extra];
    aggregateAll(all);
    const view = all.find((r) => r.metadata.name === 'view')!;
    expect(aggregatedRules(view, all)).toContainEqual({ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get'] });
    expect((all.find((r) => r.metadata.name === 'admin') as any).rules).toContainEqual({ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get'] });
  });

  it('bootstrap creates only what is missing', () => {
    const ops = bootstrapPolicyOps(new Date(), (res, name) => (res.startsWith('clusterroles.') && name === 'view' ? ({ metadata: { name } } as any) : undefined));
    expect(ops.some((o) => o.object.metadata.name === 'view' && o.resource.startsWith('clusterroles.'))).toBe(false);
    expect(ops.some((o) => o.object.metadata.name === 'cluster-admin' && o.resource.startsWith('clusterrolebindings.'))).toBe(true);
  });

  it('the controller rewrites a stale aggregated role and leaves a current one alone', () => {
    const { clusterRoles } = defaults();
    const stale = clusterRoles.map((r) => (r.metadata.name === 'view' ? { ...r, rules: [] } : r));
    const store = { list: () => stale.map((obj) => ({ obj, text: '' })), get: () => undefined };
    const ctx = { store, now: () => new Date() } as any;
    const res = clusterRoleAggregationController.reconcile('view', ctx);
    expect(res.ops).toHaveLength(1);
    expect((res.ops[0].object as any).rules.length).toBeGreaterThan(5);
    const ok = { store: { list: () => clusterRoles.map((obj) => ({ obj, text: '' })), get: () => undefined }, now: () => new Date() } as any;
    expect(clusterRoleAggregationController.reconcile('view', ok).ops).toHaveLength(0);
  });
});
