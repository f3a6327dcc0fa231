import { describe, expect, it } from 'vitest';
import { matchesRequest, ruleMatches } from '../../../src/resources/validatingadmissionpolicy/matching';
import type { AdmissionAttributes } from '../../../src/resources/validatingadmissionpolicy/attributes';

function attrs(over: Partial<AdmissionAttributes> = {}): AdmissionAttributes {
  return {
    operation: 'CREATE',
    resource: { group: 'apps', version: 'v1', resource: 'deployments' },
    kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
    subresource: '',
    namespace: 'default',
    name: 'web',
    object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } } },
    oldObject: null,
    user: { username: 'alice', groups: ['system:authenticated'] },
    dryRun: false,
    namespaced: true,
    equivalentVersions: ['v1'],
    ...over,
  };
}

const deployments = { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] };
const labels: Record<string, Record<string, string>> = { default: { 'kubernetes.io/metadata.name': 'default' }, prod: { environment: 'prod' } };
const nsLabels = (n: string) => labels[n];

describe('admission policy resource rules', () => {
  it('matches operation, group, version and resource, `*` standing for any', () => {
    expect(ruleMatches(deployments, attrs())).toBe(true);
    expect(ruleMatches(deployments, attrs({ operation: 'DELETE' }))).toBe(false);
    expect(ruleMatches({ ...deployments, apiGroups: [''] }, attrs())).toBe(false);
    expect(ruleMatches({ ...deployments, apiVersions: ['v1beta1'] }, attrs())).toBe(false);
    expect(ruleMatches({ apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*'] }, attrs({ operation: 'DELETE' }))).toBe(true);
  });

  it('keeps subresources apart: `deployments` is not `deployments/scale`, `*/scale` and `deployments/*` are', () => {
    const scale = attrs({ subresource: 'scale', operation: 'UPDATE' });
    expect(ruleMatches(deployments, scale)).toBe(false);
    expect(ruleMatches({ ...deployments, resources: ['*'] }, scale)).toBe(false);
    expect(ruleMatches({ ...deployments, resources: ['*/scale'] }, scale)).toBe(true);
    expect(ruleMatches({ ...deployments, resources: ['deployments/*'] }, scale)).toBe(true);
    expect(ruleMatches({ ...deployments, resources: ['*/*'] }, attrs())).toBe(true);
  });

  it('reads scope: Namespace objects are cluster-scoped', () => {
    const ns = attrs({ resource: { group: '', version: 'v1', resource: 'namespaces' }, kind: { group: '', version: 'v1', kind: 'Namespace' }, namespace: 'team', name: 'team', namespaced: false });
    const any = { apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*'] };
    expect(ruleMatches({ ...any, scope: 'Namespaced' }, attrs())).toBe(true);
    expect(ruleMatches({ ...any, scope: 'Cluster' }, attrs())).toBe(false);
    expect(ruleMatches({ ...any, scope: 'Namespaced' }, ns)).toBe(false);
    expect(ruleMatches({ ...any, scope: 'Cluster' }, ns)).toBe(true);
  });
});

describe('admission policy matchResources', () => {
  it('needs a rule to match, and no excluded rule', () => {
    expect(matchesRequest({ resourceRules: [deployments] }, attrs(), nsLabels).matches).toBe(true);
    expect(matchesRequest({ resourceRules: [{ ...deployments, resources: ['pods'] }] }, attrs(), nsLabels).matches).toBe(false);
    expect(matchesRequest({ resourceRules: [deployments], excludeResourceRules: [{ ...deployments, resourceNames: ['web'] }] }, attrs(), nsLabels).matches).toBe(false);
    expect(matchesRequest({ resourceRules: [deployments], excludeResourceRules: [{ ...deployments, resourceNames: ['other'] }] }, attrs(), nsLabels).matches).toBe(true);
  });

  it('selects namespaces by their labels, and ignores the namespaceSelector for cluster-scoped objects', () => {
    const mr = { resourceRules: [{ ...deployments, resources: ['*'], apiGroups: ['*'] }], namespaceSelector: { matchLabels: { environment: 'prod' } } };
    expect(matchesRequest(mr, attrs(), nsLabels).matches).toBe(false);
    expect(matchesRequest(mr, attrs({ namespace: 'prod' }), nsLabels).matches).toBe(true);
    const node = attrs({ resource: { group: '', version: 'v1', resource: 'nodes' }, kind: { group: '', version: 'v1', kind: 'Node' }, namespace: '', namespaced: false });
    expect(matchesRequest(mr, node, nsLabels).matches).toBe(true);
  });

  it('matches a Namespace being created on its own new labels', () => {
    const mr = { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['namespaces'] }], namespaceSelector: { matchExpressions: [{ key: 'environment', operator: 'In', values: ['prod'] }] } };
    const ns = (l: Record<string, string>) => attrs({ resource: { group: '', version: 'v1', resource: 'namespaces' }, kind: { group: '', version: 'v1', kind: 'Namespace' }, namespace: 'new', name: 'new', namespaced: false, object: { metadata: { name: 'new', labels: l } } });
    expect(matchesRequest(mr, ns({ environment: 'prod' }), () => undefined).matches).toBe(true);
    expect(matchesRequest(mr, ns({ environment: 'test' }), () => undefined).matches).toBe(false);
  });

  it('selects objects whose new or old labels match the objectSelector', () => {
    const mr = { resourceRules: [{ ...deployments, operations: ['*'] }], objectSelector: { matchLabels: { tier: 'gold' } } };
    expect(matchesRequest(mr, attrs(), nsLabels).matches).toBe(false);
    const old = { metadata: { name: 'web', namespace: 'default', labels: { tier: 'gold' } } };
    expect(matchesRequest(mr, attrs({ operation: 'UPDATE', oldObject: old }), nsLabels).matches).toBe(true);
    expect(matchesRequest(mr, attrs({ operation: 'DELETE', object: null, oldObject: old }), nsLabels).matches).toBe(true);
  });

  it('with matchPolicy Equivalent also tries the other versions of the resource; Exact does not', () => {
    const hpa = attrs({ resource: { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' }, kind: { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' }, equivalentVersions: ['v2', 'v1'] });
    const rule = { apiGroups: ['autoscaling'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['horizontalpodautoscalers'] };
    const eq = matchesRequest({ resourceRules: [rule] }, hpa, nsLabels);
    expect(eq).toMatchObject({ matches: true, resource: { version: 'v1' }, kind: { version: 'v1' } });
    expect(matchesRequest({ resourceRules: [rule], matchPolicy: 'Exact' }, hpa, nsLabels).matches).toBe(false);
  });

  it('reports a bad selector only when the rules match', () => {
    const bad = { matchExpressions: [{ key: 'a', operator: 'Sometimes', values: ['x'] }] };
    expect(matchesRequest({ resourceRules: [deployments], objectSelector: bad }, attrs(), nsLabels)).toEqual({ matches: false, error: '"Sometimes" is not a valid label selector operator' });
    expect(matchesRequest({ resourceRules: [{ ...deployments, resources: ['pods'] }], objectSelector: bad }, attrs(), nsLabels)).toEqual({ matches: false });
  });
});
