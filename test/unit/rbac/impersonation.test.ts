import { describe, expect, it } from 'vitest';
import { impersonate } from '../../../src/rbac/impersonation';
import { StatusError } from '../../../src/apiserver/status';
import { binding, saUser, world } from './fixtures';

const admin = { username: 'student', groups: ['system:masters', 'system:authenticated'] };

describe('impersonation', () => {
  it('a cluster-admin may act as a ServiceAccount, which gets its groups', () => {
    const u = impersonate(world(), admin, new Headers({ 'Impersonate-User': 'system:serviceaccount:demo:sa' }));
    expect(u).toEqual({ username: 'system:serviceaccount:demo:sa', groups: ['system:serviceaccounts', 'system:serviceaccounts:demo', 'system:authenticated'] });
  });

  it('without the impersonate verb: 403 with the users resource at the cluster scope', () => {
    try {
      impersonate(world(), saUser('esc', 'boss'), new Headers({ 'Impersonate-User': 'someone' }));
      expect.unreachable();
    } catch (e) {
      expect((e as StatusError).status.code).toBe(403);
      expect((e as StatusError).message).toBe('users "someone" is forbidden: User "system:serviceaccount:esc:boss" cannot impersonate resource "users" in API group "" at the cluster scope');
    }
  });

  it('edit may impersonate ServiceAccounts of its namespace but not groups', () => {
    const src = world({ roleBindings: [binding('e', { kind: 'ClusterRole', name: 'edit' }, [{ kind: 'User', name: 'eve', apiGroup: 'rbac.authorization.k8s.io' }], 'ns')] });
    const eve = { username: 'eve', groups: ['system:authenticated'] };
    expect(impersonate(src, eve, new Headers({ 'Impersonate-User': 'system:serviceaccount:ns:x' })).username).toBe('system:serviceaccount:ns:x');
    expect(() => impersonate(src, eve, new Headers({ 'Impersonate-User': 'system:serviceaccount:ns:x', 'Impersonate-Group': 'system:masters' }))).toThrow(/cannot impersonate resource "groups"/);
  });

  it('groups without a user are a bad request; no headers leave the user as is', () => {
    expect(() => impersonate(world(), admin, new Headers({ 'Impersonate-Group': 'g' }))).toThrow(StatusError);
    expect(impersonate(world(), admin, new Headers())).toBe(admin);
  });
});
