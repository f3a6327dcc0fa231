import { describe, expect, it } from 'vitest';
import { fakeContext } from './fake-store';
import { admitByPolicies, BINDINGS_KEY, POLICIES_KEY } from '../../../src/resources/validatingadmissionpolicy/dispatcher';
import type { AdmissionAttributes } from '../../../src/resources/validatingadmissionpolicy/attributes';
import { StatusError } from '../../../src/apiserver/status';
import type { KubeObject } from '../../../src/apiserver/types';

const deploymentRules = { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }] };

function policy(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name }, spec: { failurePolicy: 'Fail', matchConstraints: deploymentRules, ...spec } };
}

function binding(name: string, policyName: string, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name }, spec: { policyName, validationActions: ['Deny'], ...spec } };
}

function deployment(replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } }, spec: { replicas, ...extra } };
}

function attrs(obj: KubeObject | null, over: Partial<AdmissionAttributes> = {}): AdmissionAttributes {
  return {
    operation: 'CREATE',
    resource: { group: 'apps', version: 'v1', resource: 'deployments' },
    kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
    subresource: '',
    namespace: 'default',
    name: 'web',
    object: obj,
    oldObject: null,
    user: { username: 'alice', groups: ['system:authenticated'] },
    dryRun: false,
    namespaced: true,
    equivalentVersions: ['v1'],
    ...over,
  };
}

const namespaces = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default', team: 'blue' } }, spec: {}, status: { phase: 'Active' } }];

function cluster(policies: KubeObject[], bindings: KubeObject[], more: Record<string, KubeObject[]> = {}) {
  return fakeContext({ [POLICIES_KEY]: policies, [BINDINGS_KEY]: bindings, namespaces, ...more });
}

function refusal(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('not refused');
}

const replicasPolicy = policy('demo-policy.example.com', { validations: [{ expression: 'object.spec.replicas <= 5' }] });

describe('ValidatingAdmissionPolicy evaluation', () => {
  it('denies with upstream\'s message, reason Invalid and code 422 (the documented replicas example)', () => {
    const ctx = cluster([replicasPolicy], [binding('demo-binding-test.example.com', 'demo-policy.example.com')]);
    expect(admitByPolicies(ctx, attrs(deployment(3)))).toEqual({ warnings: [], annotations: {} });
    const e = refusal(() => admitByPolicies(ctx, attrs(deployment(6))));
    expect(e.code).toBe(422);
    expect(e.status.reason).toBe('Invalid');
    expect(e.status.message).toBe(
      `deployments.apps "web" is forbidden: ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: failed expression: object.spec.replicas <= 5`,
    );
    expect(e.status.details).toMatchObject({ name: 'web', group: 'apps', kind: 'deployments', causes: [{ message: expect.stringMatching(/^ValidatingAdmissionPolicy 'demo-policy/) }] });
  });

  it('does nothing without a binding, or when the binding names another policy', () => {
    expect(admitByPolicies(cluster([replicasPolicy], []), attrs(deployment(9))).warnings).toEqual([]);
    expect(admitByPolicies(cluster([replicasPolicy], [binding('b', 'other')]), attrs(deployment(9))).warnings).toEqual([]);
  });

  it('Warn answers a warning instead of refusing; Audit an audit annotation', () => {
    const ctx = cluster([replicasPolicy], [binding('warn', 'demo-policy.example.com', { validationActions: ['Warn', 'Audit'] })]);
    const out = admitByPolicies(ctx, attrs(deployment(6)));
    expect(out.warnings).toEqual([`Validation failed for ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'warn': failed expression: object.spec.replicas <= 5`]);
    expect(JSON.parse(out.annotations['validation.policy.admission.k8s.io/validation_failure'])).toEqual([
      { message: 'failed expression: object.spec.replicas <= 5', policy: 'demo-policy.example.com', binding: 'warn', expressionIndex: 0, validationActions: ['Warn', 'Audit'] },
    ]);
  });

  it('uses message, reason and messageExpression (falling back when it is not a one-line string)', () => {
    const p = policy('p', {
      validations: [
        { expression: 'object.spec.replicas <= 5', messageExpression: "'replicas must be at most 5, not ' + string(object.spec.replicas)", message: 'too many', reason: 'Forbidden' },
      ],
    });
    const e = refusal(() => admitByPolicies(cluster([p], [binding('b', 'p')]), attrs(deployment(7))));
    expect(e.code).toBe(403);
    expect(e.status.reason).toBe('Forbidden');
    expect(e.status.message).toContain("denied request: replicas must be at most 5, not 7");
    const q = policy('q', { validations: [{ expression: 'false', messageExpression: "'two\\nlines'", message: 'plain message' }] });
    expect(refusal(() => admitByPolicies(cluster([q], [binding('b', 'q')]), attrs(deployment(1)))).status.message).toMatch(/denied request: plain message$/);
  });

  it('skips the policy when a matchCondition is false', () => {
    const p = policy('p', {
      matchConditions: [{ name: 'not-system', expression: "!request.userInfo.username.startsWith('system:')" }],
      validations: [{ expression: 'object.spec.replicas <= 5' }],
    });
    const ctx = cluster([p], [binding('b', 'p')]);
    expect(() => admitByPolicies(ctx, attrs(deployment(9)))).toThrow(StatusError);
    expect(admitByPolicies(ctx, attrs(deployment(9), { user: { username: 'system:serviceaccount:kube-system:replicaset-controller', groups: [] } })).warnings).toEqual([]);
  });

  it('evaluates variables on use, each from the ones before', () => {
    const p = policy('p', {
      variables: [
        { name: 'replicas', expression: 'object.spec.replicas' },
        { name: 'limit', expression: 'variables.replicas > 3 ? 3 : 10' },
        { name: 'broken', expression: 'object.spec.missing.field' },
      ],
      validations: [{ expression: 'variables.replicas <= variables.limit', messageExpression: "'at most ' + string(variables.limit)" }],
    });
    const ctx = cluster([p], [binding('b', 'p')]);
    expect(admitByPolicies(ctx, attrs(deployment(2))).warnings).toEqual([]);
    expect(refusal(() => admitByPolicies(ctx, attrs(deployment(4)))).status.message).toMatch(/denied request: at most 3$/);
  });

  it('an expression that errors refuses under failurePolicy Fail and is ignored under Ignore', () => {
    const fail = policy('p', { validations: [{ expression: 'object.spec.template.spec.nodeName == "x"' }] });
    const e = refusal(() => admitByPolicies(cluster([fail], [binding('b', 'p')]), attrs(deployment(1))));
    expect(e.status.message).toMatch(/denied request: expression 'object.spec.template.spec.nodeName == "x"' resulted in error: no such key: template$/);
    const ignore = policy('p', { failurePolicy: 'Ignore', validations: [{ expression: 'object.spec.template.spec.nodeName == "x"' }] });
    expect(admitByPolicies(cluster([ignore], [binding('b', 'p')]), attrs(deployment(1))).warnings).toEqual([]);
    const broken = policy('p', { validations: [{ expression: 'object.spec.replicas <=' }] });
    expect(refusal(() => admitByPolicies(cluster([broken], [binding('b', 'p')]), attrs(deployment(1)))).status.message).toMatch(/denied request: compilation error: ERROR: <input>:1:\d+: /);
  });

  it('reads params from the ConfigMap the binding names, in the request\'s namespace by default', () => {
    const p = policy('p', {
      paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
      validations: [{ expression: 'object.spec.replicas <= int(params.data.maxReplicas)', messageExpression: "'at most ' + params.data.maxReplicas + ' replicas (' + params.kind + ')'" }],
    });
    const cm = (ns: string, max: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'limits', namespace: ns, labels }, data: { maxReplicas: max } });
    const ctx = cluster([p], [binding('b', 'p', { paramRef: { name: 'limits', parameterNotFoundAction: 'Deny' } })], { configmaps: [cm('default', '2')] });
    expect(admitByPolicies(ctx, attrs(deployment(2))).warnings).toEqual([]);
    expect(refusal(() => admitByPolicies(ctx, attrs(deployment(3)))).status.message).toMatch(/denied request: at most 2 replicas \(ConfigMap\)$/);
    const other = cluster([p], [binding('b', 'p', { paramRef: { name: 'limits', namespace: 'limits', parameterNotFoundAction: 'Deny' } })], { configmaps: [cm('default', '2'), cm('limits', '8')] });
    expect(admitByPolicies(other, attrs(deployment(7))).warnings).toEqual([]);
    // a selector: every param selected must admit the request
    const sel = cluster([p], [binding('b', 'p', { paramRef: { selector: { matchLabels: { use: 'yes' } }, parameterNotFoundAction: 'Allow' } })], {
      configmaps: [{ ...cm('default', '4', { use: 'yes' }), metadata: { name: 'a', namespace: 'default', labels: { use: 'yes' } } }, { ...cm('default', '1'), metadata: { name: 'b', namespace: 'default' } }],
    });
    expect(admitByPolicies(sel, attrs(deployment(4))).warnings).toEqual([]);
    expect(() => admitByPolicies(sel, attrs(deployment(5)))).toThrow(/at most 4 replicas/);
  });

  it('missing params: Deny refuses as a binding configuration error, Allow admits', () => {
    const p = policy('p', { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, validations: [{ expression: 'false' }] });
    const deny = cluster([p], [binding('b', 'p', { paramRef: { name: 'nope', parameterNotFoundAction: 'Deny' } })]);
    expect(refusal(() => admitByPolicies(deny, attrs(deployment(1)))).status.message).toBe(
      "deployments.apps \"web\" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b' denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction",
    );
    const allow = cluster([p], [binding('b', 'p', { paramRef: { name: 'nope', parameterNotFoundAction: 'Allow' } })]);
    expect(admitByPolicies(allow, attrs(deployment(1))).warnings).toEqual([]);
    const unknown = policy('p', { paramKind: { apiVersion: 'example.com/v1', kind: 'Limits' }, validations: [{ expression: 'false' }] });
    expect(refusal(() => admitByPolicies(cluster([unknown], [binding('b', 'p', { paramRef: { name: 'x', parameterNotFoundAction: 'Deny' } })]), attrs(deployment(1)))).status.message).toMatch(
      /ValidatingAdmissionPolicy 'p' denied request: failed to configure policy: failed to find resource referenced by paramKind: 'example.com\/v1, Kind=Limits'$/,
    );
  });

  it('a binding\'s matchResources narrows the policy to the namespaces it selects', () => {
    const ctx = cluster([replicasPolicy], [binding('b', 'demo-policy.example.com', { matchResources: { namespaceSelector: { matchLabels: { team: 'red' } } } })]);
    expect(admitByPolicies(ctx, attrs(deployment(9))).warnings).toEqual([]);
    const blue = cluster([replicasPolicy], [binding('b', 'demo-policy.example.com', { matchResources: { namespaceSelector: { matchLabels: { team: 'blue' } } } })]);
    expect(() => admitByPolicies(blue, attrs(deployment(9)))).toThrow(StatusError);
  });

  it('offers request, oldObject and namespaceObject', () => {
    const p = policy('p', {
      validations: [
        { expression: "request.operation == 'UPDATE' && request.kind.kind == 'Deployment' && request.resource.resource == 'deployments'" },
        { expression: 'oldObject == null || object.spec.replicas >= oldObject.spec.replicas', message: 'no scaling down' },
        { expression: "namespaceObject.metadata.labels.team == 'blue'" },
      ],
    });
    const ctx = cluster([p], [binding('b', 'p')]);
    expect(admitByPolicies(ctx, attrs(deployment(3), { operation: 'UPDATE', oldObject: deployment(2) })).warnings).toEqual([]);
    expect(refusal(() => admitByPolicies(ctx, attrs(deployment(1), { operation: 'UPDATE', oldObject: deployment(2) }))).status.message).toMatch(/denied request: no scaling down$/);
    expect(refusal(() => admitByPolicies(ctx, attrs(deployment(3)))).status.message).toMatch(/failed expression: request.operation == 'UPDATE'/);
  });

  it('asks the authorizer as the request\'s user', () => {
    const p = policy('p', { validations: [{ expression: "authorizer.group('apps').resource('deployments').namespace('default').check('delete').allowed()", message: 'you may not delete deployments' }] });
    const rbac = {
      'clusterroles.rbac.authorization.k8s.io': [{ metadata: { name: 'deleter' }, rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['delete'] }] }],
      'clusterrolebindings.rbac.authorization.k8s.io': [{ metadata: { name: 'bob-deletes' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'deleter' }, subjects: [{ kind: 'User', name: 'bob' }] }],
    } as Record<string, KubeObject[]>;
    const ctx = cluster([p], [binding('b', 'p')], rbac);
    expect(refusal(() => admitByPolicies(ctx, attrs(deployment(1)))).status.message).toMatch(/you may not delete deployments$/);
    expect(admitByPolicies(ctx, attrs(deployment(1), { user: { username: 'bob', groups: [] } })).warnings).toEqual([]);
    const q = policy('q', { validations: [{ expression: "authorizer.requestResource.check('create').allowed()" }] });
    expect(admitByPolicies(cluster([q], [binding('b', 'q')], rbac), attrs(deployment(1), { user: { username: 'root', groups: ['system:masters'] } })).warnings).toEqual([]);
  });

  it('publishes auditAnnotations under the policy\'s name', () => {
    const p = policy('p', { validations: [{ expression: 'true' }], auditAnnotations: [{ key: 'high-replicas', valueExpression: "object.spec.replicas > 3 ? 'replicas: ' + string(object.spec.replicas) : ''" }, { key: 'none', valueExpression: 'null' }] });
    const ctx = cluster([p], [binding('b', 'p')]);
    expect(admitByPolicies(ctx, attrs(deployment(5))).annotations).toEqual({ 'p/high-replicas': 'replicas: 5' });
    expect(admitByPolicies(ctx, attrs(deployment(2))).annotations).toEqual({});
  });

  it('never applies to the policies and bindings themselves', () => {
    const all = policy('p', { matchConstraints: { resourceRules: [{ apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*'] }] }, validations: [{ expression: 'false' }] });
    const ctx = cluster([all], [binding('b', 'p')]);
    const a = attrs(all, { resource: { group: 'admissionregistration.k8s.io', version: 'v1', resource: 'validatingadmissionpolicies' }, kind: { group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingAdmissionPolicy' }, namespace: '', namespaced: false, name: 'p' });
    expect(admitByPolicies(ctx, a).warnings).toEqual([]);
    expect(() => admitByPolicies(ctx, attrs(deployment(1)))).toThrow(StatusError);
  });

  it('names the object Unknown when refusing a delete, as admission.NewForbidden does', () => {
    const p = policy('p', { matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['DELETE'], resources: ['deployments'] }] }, validations: [{ expression: "oldObject.metadata.labels.app != 'web'", message: 'keep web' }] });
    const e = refusal(() => admitByPolicies(cluster([p], [binding('b', 'p')]), attrs(null, { operation: 'DELETE', oldObject: deployment(1) })));
    expect(e.status.message).toBe(`deployments.apps "Unknown" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b' denied request: keep web`);
  });
});
