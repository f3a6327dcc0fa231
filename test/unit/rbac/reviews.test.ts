import { describe, expect, it } from 'vitest';
import { localSubjectAccessReview, selfSubjectAccessReview, selfSubjectReview, selfSubjectRulesReview, subjectAccessReview } from '../../../src/rbac/reviews';
import { StatusError } from '../../../src/apiserver/status';
import { binding, role, saUser, world } from './fixtures';

const src = world({
  roles: [role('list-pods', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }], 'demo')],
  roleBindings: [binding('b', { kind: 'Role', name: 'list-pods' }, [{ kind: 'ServiceAccount', name: 'sa', namespace: 'demo' }], 'demo')],
});
const sa = saUser('demo', 'sa');
const ssar = (spec: any) => ({ kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: {}, spec });

describe('access reviews', () => {
  it('SelfSubjectAccessReview answers allowed with the reason, denied without', () => {
    const yes = selfSubjectAccessReview(src, sa, ssar({ resourceAttributes: { namespace: 'demo', verb: 'list', resource: 'pods' } }));
    expect(yes.status.allowed).toBe(true);
    expect(yes.status.reason).toMatch(/^RBAC: allowed by RoleBinding "b\/demo"/);
    expect(selfSubjectAccessReview(src, sa, ssar({ resourceAttributes: { namespace: 'demo', verb: 'delete', resource: 'pods' } })).status).toEqual({ allowed: false });
  });

  it('needs exactly one of resource and non-resource attributes', () => {
    expect(() => selfSubjectAccessReview(src, sa, ssar({}))).toThrow(StatusError);
    expect(() => selfSubjectAccessReview(src, sa, ssar({ resourceAttributes: {}, nonResourceAttributes: {} }))).toThrow(/cannot be specified in combination/);
  });

  it('SubjectAccessReview asks about spec.user; it must name a user or group', () => {
    const body = { kind: 'SubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', spec: { user: sa.username, groups: sa.groups, resourceAttributes: { namespace: 'demo', verb: 'get', resource: 'pods' } } };
    expect(subjectAccessReview(src, body).status.allowed).toBe(true);
    expect(() => subjectAccessReview(src, { ...body, spec: { resourceAttributes: {} } })).toThrow(/at least one of user or group must be specified/);
  });

  it('LocalSubjectAccessReview must stay in its namespace', () => {
    const body = { kind: 'LocalSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', spec: { user: sa.username, groups: sa.groups, resourceAttributes: { namespace: 'other', verb: 'get', resource: 'pods' } } };
    expect(() => localSubjectAccessReview(src, 'demo', body)).toThrow(/must match metadata.namespace/);
  });

  it('SelfSubjectRulesReview lists resource and non-resource rules', () => {
    const r = selfSubjectRulesReview(src, sa, { kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', spec: { namespace: 'demo' } });
    expect(r.status.resourceRules).toContainEqual({ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'] });
    expect(r.status.nonResourceRules).toContainEqual(expect.objectContaining({ nonResourceURLs: expect.arrayContaining(['/api', '/apis/*']) }));
    expect(r.status.incomplete).toBe(false);
  });

  it('SelfSubjectReview tells who is asking', () => {
    expect(selfSubjectReview(sa, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }).status.userInfo).toEqual({ username: sa.username, groups: sa.groups });
  });
});
