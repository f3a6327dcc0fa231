// A classroom may give its students less than cluster-admin: a ClusterRole (admin, edit, view)
// in one namespace, bound when the cluster is made; the student's token then carries no
// system:masters, and the cluster refuses the rest with kube-apiserver's Forbidden.
import { describe, it, expect } from 'vitest';
import { adminCall, claimsOf, clusterGet, clusterPost, fromKubeconfig } from './admin-client';

describe('a classroom with namespace access', () => {
  it('binds the student to admin of its namespace and nothing else', async () => {
    const name = `narrow-${crypto.randomUUID().slice(0, 8)}`;
    const r = await adminCall('POST', '/classrooms', { name, students: ['ada'], settings: { profile: 'fast', nodes: { count: 2 }, access: { role: 'admin', namespace: 'team' } } });
    expect(r.status).toBe(201);
    const { server, token } = fromKubeconfig(r.body.students[0].kubeconfig);
    expect(claimsOf(token).groups).toEqual([]);

    const own = await clusterGet(server, '/api/v1/namespaces/team/pods', token);
    expect(own.status).toBe(200);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mine' }, data: { a: 'b' } };
    expect((await clusterPost(server, '/api/v1/namespaces/team/configmaps', token, cm)).status).toBe(201);

    const other = await clusterGet(server, '/api/v1/namespaces/default/pods', token);
    expect(other.status).toBe(403);
    expect((await other.json<any>()).message).toBe('pods is forbidden: User "student:ada" cannot list resource "pods" in API group "" in the namespace "default"');
    const nodes = await clusterGet(server, '/api/v1/nodes', token);
    expect(nodes.status).toBe(403);

    const binding = await clusterGet(server, '/apis/rbac.authorization.k8s.io/v1/namespaces/team/rolebindings/student-admin', token);
    expect((await binding.json<any>()).roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' });
  });

  it('refuses an access role that is not admin, edit or view', async () => {
    const r = await adminCall('POST', '/classrooms', { name: `bad-${crypto.randomUUID().slice(0, 8)}`, students: ['x'], settings: { access: { role: 'cluster-admin' } } });
    expect(r.status).toBe(400);
  });
});
