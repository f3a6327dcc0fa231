import { describe, expect, it } from 'vitest';
import { compactRules, compactString, escalationMessage, missingRules, ruleCovers } from '../../../src/rbac/escalation';
import { binding, saUser, world } from './fixtures';

describe('escalation checks (ConfirmNoEscalation)', () => {
  it('a rule covers its own atoms, */sub covers a subresource, * covers all', () => {
    expect(ruleCovers({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['delete'], apiGroups: ['apps'], resources: ['deployments'] })).toBe(true);
    expect(ruleCovers({ verbs: ['get'], apiGroups: [''], resources: ['*/log'] }, { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] })).toBe(true);
    expect(ruleCovers({ verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['a'] }, { verbs: ['get'], apiGroups: [''], resources: ['pods'] })).toBe(false);
  });

  it('reports only the missing atoms, verbs merged per resource', () => {
    const owner = [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }];
    const wanted = [{ verbs: ['get', 'delete', 'create'], apiGroups: [''], resources: ['pods', 'secrets'] }];
    const missing = compactRules(missingRules(owner, wanted)).map(compactString);
    expect(missing).toEqual(['{APIGroups:[""], Resources:["pods"], Verbs:["delete" "create"]}', '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "delete" "create"]}']);
  });

  it('a namespace admin cannot grant what admin lacks, with upstream’s message', () => {
    const src = world({ roleBindings: [binding('a', { kind: 'ClusterRole', name: 'admin' }, [{ kind: 'ServiceAccount', name: 'boss', namespace: 'esc' }], 'esc')] });
    const user = saUser('esc', 'boss');
    expect(escalationMessage(src, user, 'esc', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }])).toBeUndefined();
    expect(escalationMessage(src, user, 'esc', [{ verbs: ['create'], apiGroups: [''], resources: ['resourcequotas'] }])).toBe(
      'user "system:serviceaccount:esc:boss" (groups=["system:serviceaccounts" "system:serviceaccounts:esc" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["resourcequotas"], Verbs:["create"]}',
    );
    // Its rules in another namespace do not count.
    expect(escalationMessage(src, user, 'other', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }])).toMatch(/not currently held/);
  });
});
