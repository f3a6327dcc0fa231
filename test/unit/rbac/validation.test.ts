import { describe, expect, it } from 'vitest';
import { bindingErrors, bindingUpdateErrors, defaultBinding, pathSegmentNameErrors, roleErrors } from '../../../src/rbac/validation';
import { binding, role } from './fixtures';

describe('RBAC validation', () => {
  it('names are path segments: colons fine, slashes and dots not', () => {
    expect(pathSegmentNameErrors('system:basic-user')).toEqual([]);
    expect(pathSegmentNameErrors('a/b')).toEqual(["may not contain '/'"]);
    expect(pathSegmentNameErrors('..')).toEqual(["may not be '..'"]);
  });

  it('rules need verbs, groups and resources; namespaced rules no URLs', () => {
    const errs = roleErrors(role('r', [{ resources: ['pods'] }, { verbs: ['get'], nonResourceURLs: ['/x'] }], 'ns'), true);
    expect(errs.map((e) => `${e.field}: ${e.detail}`)).toEqual([
      'rules[0].verbs: verbs must contain at least one value',
      'rules[0].apiGroups: resource rules must supply at least one api group',
      'rules[1].nonResourceURLs: namespaced rules cannot apply to non-resource URLs',
    ]);
  });

  it('a ClusterRoleBinding binds ClusterRoles only; subjects are checked', () => {
    const b = binding('b', { kind: 'Role', name: 'r' }, [{ kind: 'ServiceAccount', name: 'sa' }, { kind: 'Robot', name: 'x' }]);
    expect(bindingErrors(b, false).map((e) => e.field)).toEqual(['roleRef.kind', 'subjects[0].namespace', 'subjects[1].kind']);
  });

  it('defaults the apiGroup of users and groups, and roleRef cannot change', () => {
    const b: any = binding('b', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'User', name: 'u' }], 'ns');
    delete b.roleRef.apiGroup;
    defaultBinding(b);
    expect(b.roleRef.apiGroup).toBe('rbac.authorization.k8s.io');
    expect(b.subjects[0].apiGroup).toBe('rbac.authorization.k8s.io');
    const changed = { ...b, roleRef: { ...b.roleRef, name: 'edit' } };
    expect(bindingUpdateErrors(changed, b, true).map((e) => `${e.field}: ${e.detail}`)).toEqual(['roleRef: cannot change roleRef']);
  });
});

describe('ServiceAccount admission', () => {
  it('refuses a pod whose service account does not exist, with upstream’s words', async () => {
    const { admitPodServiceAccount } = await import('../../../src/rbac/service-account-admission');
    const store = { get: (res: string, ns: string, name: string) => (res === 'serviceaccounts' && ns === 'a' && name === 'default' ? ({ metadata: { name } } as any) : undefined) } as any;
    expect(() => admitPodServiceAccount({ store }, { metadata: { name: 'p', namespace: 'a' }, spec: {} } as any)).not.toThrow();
    expect(() => admitPodServiceAccount({ store }, { metadata: { name: 'p', namespace: 'a' }, spec: { serviceAccountName: 'nope' } } as any)).toThrow('pods "p" is forbidden: error looking up service account a/nope: serviceaccount "nope" not found');
  });
});
