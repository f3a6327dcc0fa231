import { describe, expect, it } from 'vitest';
import { authorize, rulesFor } from '../../../src/rbac/authorizer';
import { binding, role, saUser, world } from './fixtures';

const pods = (verb: string, namespace: string, name = '') => ({ verb, resourceRequest: true, apiGroup: '', resource: 'pods', namespace, name });

describe('RBAC authorizer', () => {
  const src = world({
    roles: [role('list-pods', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }], 'demo')],
    roleBindings: [binding('list-pods-sa', { kind: 'Role', name: 'list-pods' }, [{ kind: 'ServiceAccount', name: 'sa', namespace: 'demo' }], 'demo')],
  });
  const sa = saUser('demo', 'sa');

  it('allows what a RoleBinding grants, in its namespace only, and says by what', () => {
    const d = authorize(src, sa, pods('list', 'demo'));
    expect(d.allowed).toBe(true);
    expect(d.reason).toBe('RBAC: allowed by RoleBinding "list-pods-sa/demo" of Role "list-pods" to ServiceAccount "sa/demo"');
    expect(authorize(src, sa, pods('list', 'default')).allowed).toBe(false);
    expect(authorize(src, sa, pods('delete', 'demo', 'x')).allowed).toBe(false);
  });

  it('denies by default with an empty reason', () => {
    expect(authorize(src, saUser('other', 'x'), pods('get', 'demo', 'p'))).toEqual({ allowed: false, reason: '' });
  });

  it('a ServiceAccount subject without namespace means the binding’s namespace', () => {
    const s = world({
      roles: [role('r', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], 'ns1')],
      roleBindings: [binding('b', { kind: 'Role', name: 'r' }, [{ kind: 'ServiceAccount', name: 'sa' }], 'ns1')],
    });
    expect(authorize(s, saUser('ns1', 'sa'), pods('get', 'ns1', 'p')).allowed).toBe(true);
  });

  it('system:masters is allowed everything, even without bindings', () => {
    expect(authorize(world(), { username: 'x', groups: ['system:masters'] }, pods('delete', 'kube-system', 'p')).allowed).toBe(true);
  });

  it('every authenticated user gets discovery and the self reviews, not resources', () => {
    const u = { username: 'alice', groups: ['system:authenticated'] };
    expect(authorize(world(), u, { verb: 'get', resourceRequest: false, path: '/apis/apps/v1' }).allowed).toBe(true);
    expect(authorize(world(), u, { verb: 'create', resourceRequest: true, apiGroup: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews' }).allowed).toBe(true);
    expect(authorize(world(), u, { verb: 'get', resourceRequest: false, path: '/metrics' }).allowed).toBe(false);
    expect(authorize(world(), u, pods('list', 'default')).allowed).toBe(false);
  });

  it('a binding to a missing role reports it as the evaluation error', () => {
    const s = world({ roleBindings: [binding('b', { kind: 'Role', name: 'gone' }, [{ kind: 'User', name: 'bob', apiGroup: 'rbac.authorization.k8s.io' }], 'ns')] });
    const d = authorize(s, { username: 'bob', groups: [] }, pods('get', 'ns', 'p'));
    expect(d).toEqual({ allowed: false, reason: 'RBAC: role.rbac.authorization.k8s.io "gone" not found', evaluationError: 'role.rbac.authorization.k8s.io "gone" not found' });
  });

  it('view (aggregated) reads deployments but not secrets, and cannot create', () => {
    const s = world({ roleBindings: [binding('v', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'ServiceAccount', name: 'sa', namespace: 'demo' }], 'demo')] });
    const a = (verb: string, resource: string, apiGroup = '') => authorize(s, sa, { verb, resourceRequest: true, apiGroup, resource, namespace: 'demo' }).allowed;
    expect(a('list', 'deployments', 'apps')).toBe(true);
    expect(a('list', 'secrets')).toBe(false);
    expect(a('create', 'deployments', 'apps')).toBe(false);
  });

  it('rulesFor lists cluster-wide rules then the namespace’s', () => {
    const { rules } = rulesFor(src, sa, 'demo');
    expect(rules.at(-1)).toEqual({ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] });
    expect(rulesFor(src, sa, 'other').rules.some((r) => r.resources?.includes('pods'))).toBe(false);
  });
});

describe('a cluster not built yet', () => {
  it('answers with the default policy: anonymous may read /version, not /api', async () => {
    const { storeSource } = await import('../../../src/rbac/source');
    const { defaultPolicy } = await import('../../../src/rbac/aggregation');
    const empty = { list: () => [], get: () => undefined };
    const anon = { username: 'system:anonymous', groups: ['system:unauthenticated'] };
    const src = storeSource(empty, defaultPolicy);
    expect(authorize(src, anon, { verb: 'get', resourceRequest: false, path: '/version' }).allowed).toBe(true);
    expect(authorize(src, anon, { verb: 'get', resourceRequest: false, path: '/api' }).allowed).toBe(false);
    expect(authorize(storeSource(empty), anon, { verb: 'get', resourceRequest: false, path: '/version' }).allowed).toBe(false);
  });
});
