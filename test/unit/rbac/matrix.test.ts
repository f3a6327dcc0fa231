/**
 * The generated matrix of the issue: roles × verbs × resources × namespaces, where what `kubectl
 * auth can-i` is told (a SelfSubjectAccessReview) agrees with what the server enforces on the
 * matching request (RequestInfo → attributes → authorizer) in every case.
 */
import { describe, expect, it } from 'vitest';
import { requestInfo } from '../../../src/apiserver/request-info';
import { attributesOf } from '../../../src/rbac/access';
import { authorize } from '../../../src/rbac/authorizer';
import { selfSubjectAccessReview } from '../../../src/rbac/reviews';
import { binding, role, saUser, world } from './fixtures';

const VERBS: [string, string, boolean, string?][] = [
  ['get', 'GET', true],
  ['list', 'GET', false],
  ['watch', 'GET', false, 'watch=true'],
  ['create', 'POST', false],
  ['update', 'PUT', true],
  ['patch', 'PATCH', true],
  ['delete', 'DELETE', true],
  ['deletecollection', 'DELETE', false],
];
const RESOURCES: [string, string][] = [['', 'pods'], ['', 'secrets'], ['', 'configmaps'], ['apps', 'deployments'], ['batch', 'jobs'], ['rbac.authorization.k8s.io', 'roles'], ['', 'resourcequotas']];
const NAMESPACES = ['team', 'default', 'kube-system'];
const ROLES = ['view', 'edit', 'admin', 'cluster-admin', 'pod-reader', 'none'];

function path(group: string, resource: string, ns: string, name?: string): string {
  const base = group ? `/apis/${group}/v1` : '/api/v1';
  return `${base}/namespaces/${ns}/${resource}${name ? `/${name}` : ''}`;
}

describe('can-i agrees with enforcement', () => {
  it('over roles × verbs × resources × namespaces', () => {
    let cases = 0;
    let allowed = 0;
    for (const r of ROLES) {
      const user = saUser('team', `sa-${r}`);
      const roles = [role('pod-reader', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }], 'team')];
      const roleBindings = r === 'none' ? [] : [binding(`b-${r}`, { kind: r === 'pod-reader' ? 'Role' : 'ClusterRole', name: r }, [{ kind: 'ServiceAccount', name: `sa-${r}`, namespace: 'team' }], 'team')];
      const src = world({ roles, roleBindings });
      for (const [verb, method, named, query] of VERBS) {
        for (const [group, resource] of RESOURCES) {
          for (const ns of NAMESPACES) {
            const name = named ? 'obj' : '';
            const review = selfSubjectAccessReview(src, user, { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', spec: { resourceAttributes: { namespace: ns, verb, group, resource, name } } });
            const info = requestInfo(method, path(group, resource, ns, name || undefined), new URLSearchParams(query ?? ''));
            const enforced = authorize(src, user, attributesOf(info)).allowed;
            expect(info.verb).toBe(verb);
            expect({ r, verb, resource, ns, canI: review.status.allowed }).toEqual({ r, verb, resource, ns, canI: enforced });
            cases++;
            if (enforced) allowed++;
          }
        }
      }
    }
    expect(cases).toBe(ROLES.length * VERBS.length * RESOURCES.length * NAMESPACES.length);
    // Neither everything nor nothing: the matrix exercises both answers.
    expect(allowed).toBeGreaterThan(50);
    expect(allowed).toBeLessThan(cases - 50);
  });

  it('the roles mean what upstream says in the bound namespace, and nothing elsewhere', () => {
    const can = (r: string, verb: string, group: string, resource: string, ns = 'team') => {
      const src = world({ roleBindings: [binding('b', { kind: 'ClusterRole', name: r }, [{ kind: 'ServiceAccount', name: 'x', namespace: 'team' }], 'team')] });
      return authorize(src, saUser('team', 'x'), { verb, resourceRequest: true, apiGroup: group, resource, namespace: ns }).allowed;
    };
    expect([can('view', 'list', '', 'secrets'), can('edit', 'list', '', 'secrets'), can('edit', 'create', 'rbac.authorization.k8s.io', 'roles'), can('admin', 'create', 'rbac.authorization.k8s.io', 'roles')]).toEqual([false, true, false, true]);
    expect([can('admin', 'create', '', 'resourcequotas'), can('view', 'list', '', 'resourcequotas'), can('cluster-admin', 'delete', '', 'pods', 'default')]).toEqual([false, true, false]);
  });
});
