import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { kubectl } from './kubectl';

/**
 * ValidatingAdmissionPolicies with the real kubectl: the upstream documentation's
 * `replicas <= 5` policy and binding (Deny), a Warn binding, and a policy whose limit comes from
 * a ConfigMap named by the binding's paramRef. Every binding selects only this test's namespaces
 * (by label), so the rest of the shared cluster is untouched.
 */
const ns = 'vap-e2e';
const k = (...args: string[]) => kubectl(args, { minor: 33 });
const apply = (yaml: string) => kubectl(['apply', '-f', '-'], { minor: 33, input: yaml });

const demoPolicy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "demo-policy.example.com"
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  validations:
    - expression: "object.spec.replicas <= 5"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: "demo-binding-test.example.com"
spec:
  policyName: "demo-policy.example.com"
  validationActions: [Deny]
  matchResources:
    namespaceSelector:
      matchLabels:
        environment: vap-e2e-test
`;

const warnPolicy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: e2e-require-team-label}
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["configmaps"]}
  validations:
  - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
    messageExpression: "'configmap ' + object.metadata.name + ' has no team label'"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: e2e-require-team-label-warn}
spec:
  policyName: e2e-require-team-label
  validationActions: [Warn]
  matchResources:
    namespaceSelector: {matchLabels: {environment: vap-e2e-test}}
`;

const paramPolicy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: e2e-max-replicas}
spec:
  paramKind: {apiVersion: v1, kind: ConfigMap}
  matchConstraints:
    resourceRules:
    - {apiGroups: ["apps"], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["deployments"]}
  variables:
  - {name: limit, expression: "int(params.data.maxReplicas)"}
  validations:
  - expression: "object.spec.replicas <= variables.limit"
    messageExpression: "'spec.replicas must be no greater than ' + string(variables.limit)"
    reason: Forbidden
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: e2e-max-replicas-binding}
spec:
  policyName: e2e-max-replicas
  validationActions: [Deny]
  paramRef: {name: replica-limits, namespace: ${ns}, parameterNotFoundAction: Deny}
  matchResources:
    namespaceSelector: {matchLabels: {environment: vap-e2e-params}}
`;

const deployment = (name: string, namespace: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: web, image: nginx}]}
`;

const objects = ['validatingadmissionpolicybinding/demo-binding-test.example.com', 'validatingadmissionpolicybinding/e2e-require-team-label-warn', 'validatingadmissionpolicybinding/e2e-max-replicas-binding',
  'validatingadmissionpolicy/demo-policy.example.com', 'validatingadmissionpolicy/e2e-require-team-label', 'validatingadmissionpolicy/e2e-max-replicas'];

describe('validating admission policies', () => {
  beforeAll(() => {
    k('delete', ...objects, '--ignore-not-found');
    k('delete', 'namespace', ns, `${ns}-params`, '--ignore-not-found', '--wait=true', '--timeout=60s');
    expect(k('create', 'namespace', ns).code).toBe(0);
    expect(k('label', 'namespace', ns, 'environment=vap-e2e-test').code).toBe(0);
    expect(k('create', 'namespace', `${ns}-params`).code).toBe(0);
    expect(k('label', 'namespace', `${ns}-params`, 'environment=vap-e2e-params').code).toBe(0);
  });

  afterAll(() => {
    k('delete', ...objects, '--ignore-not-found');
    k('delete', 'namespace', ns, `${ns}-params`, '--ignore-not-found', '--wait=false');
  });

  it('denies what the documented replicas <= 5 policy forbids, with its message', () => {
    const applied = apply(demoPolicy);
    expect(applied.stdout).toMatch(/^validatingadmissionpolicy.admissionregistration.k8s.io\/demo-policy.example.com created$/m);
    expect(applied.stdout).toMatch(/^validatingadmissionpolicybinding.admissionregistration.k8s.io\/demo-binding-test.example.com created$/m);
    const denied = apply(deployment('nginx', ns, 6));
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(
      /^The deployments "nginx" is invalid: : ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: failed expression: object.spec.replicas <= 5$/m,
    );
    const created = k('create', 'deployment', 'small', '-n', ns, '--image=nginx', '--replicas=6');
    expect(created.stderr).toMatch(/^error: failed to create deployment: deployments.apps "small" is forbidden: ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: failed expression: object.spec.replicas <= 5$/m);
    expect(apply(deployment('nginx', ns, 3)).stdout).toMatch(/^deployment.apps\/nginx created$/m);
    const patched = k('patch', 'deployment', 'nginx', '-n', ns, '-p', '{"spec":{"replicas":7}}');
    expect(patched.stderr).toMatch(/denied request: failed expression: object.spec.replicas <= 5$/m);
    expect(k('get', 'deployment', 'nginx', '-n', ns, '-o', 'jsonpath={.spec.replicas}').stdout).toBe('3');
    // The binding selects by namespace label: elsewhere the policy does not apply.
    expect(apply(deployment('nginx', `${ns}-params`, 6)).stdout).toMatch(/^deployment.apps\/nginx created$/m);
    expect(k('delete', 'deployment', 'nginx', '-n', `${ns}-params`).code).toBe(0);
  });

  it('warns instead of refusing under the Warn action', () => {
    expect(apply(warnPolicy).code).toBe(0);
    const created = k('create', 'configmap', 'unlabelled', '-n', ns, '--from-literal=a=b');
    expect(created.code).toBe(0);
    expect(created.stderr).toMatch(/^Warning: Validation failed for ValidatingAdmissionPolicy 'e2e-require-team-label' with binding 'e2e-require-team-label-warn': configmap unlabelled has no team label$/m);
    expect(created.stdout).toMatch(/^configmap\/unlabelled created$/m);
    const labelled = apply(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: labelled, namespace: ${ns}, labels: {team: blue}}\ndata: {a: b}\n`);
    expect(labelled.stdout).toMatch(/^configmap\/labelled created$/m);
    expect(labelled.stderr).not.toMatch(/Warning/);
  });

  it('takes its limit from the ConfigMap the binding names, and refuses while it is missing', () => {
    expect(apply(paramPolicy).code).toBe(0);
    const missing = apply(deployment('web', `${ns}-params`, 1));
    expect(missing.stderr).toMatch(/ValidatingAdmissionPolicy 'e2e-max-replicas' with binding 'e2e-max-replicas-binding' denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction$/m);
    expect(k('create', 'configmap', 'replica-limits', '-n', ns, '--from-literal=maxReplicas=2', '--from-literal=team=none').code).toBe(0);
    expect(apply(deployment('web', `${ns}-params`, 2)).stdout).toMatch(/^deployment.apps\/web created$/m);
    const scaled = k('patch', 'deployment', 'web', '-n', `${ns}-params`, '-p', '{"spec":{"replicas":3}}');
    expect(scaled.stderr).toMatch(/^Error from server \(Forbidden\): deployments.apps "web" is forbidden: ValidatingAdmissionPolicy 'e2e-max-replicas' with binding 'e2e-max-replicas-binding' denied request: spec.replicas must be no greater than 2$/m);
    expect(k('patch', 'configmap', 'replica-limits', '-n', ns, '-p', '{"data":{"maxReplicas":"4"}}').code).toBe(0);
    expect(k('patch', 'deployment', 'web', '-n', `${ns}-params`, '-p', '{"spec":{"replicas":3}}').stdout).toMatch(/^deployment.apps\/web patched$/m);
  });
});
