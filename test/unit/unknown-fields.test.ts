import { describe, it, expect } from 'vitest';
import { findUnknownFields, hasFieldSchema, strictDecodingMessage } from '../../src/apiserver/schema/unknown-fields';

const deployment = (podSpec: object) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web', 'example.com/any-key': 'x' } },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: podSpec } },
});

describe('findUnknownFields', () => {
  it('reports a misspelled container field with its list index', () => {
    const obj = deployment({ containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'nginx', imagePullPolcy: 'Always' }] });
    expect(findUnknownFields('apps/v1', 'Deployment', obj)).toEqual(['spec.template.spec.containers[1].imagePullPolcy']);
  });

  it('reports every unknown field in document order, at any depth', () => {
    const obj = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', colour: 'red' }, spec: { foo: 1, containers: [{ name: 'c', resources: { limits: { cpu: '1' }, bar: true } }] }, extra: {} };
    expect(findUnknownFields('v1', 'Pod', obj)).toEqual(['metadata.colour', 'spec.foo', 'spec.containers[0].resources.bar', 'extra']);
  });

  it('accepts any key inside maps such as labels, annotations and ConfigMap data', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { 'a/b': 'c' } }, data: { whatever: 'x', 'game.properties': 'y' }, binaryData: { k: 'AA==' } };
    expect(findUnknownFields('v1', 'ConfigMap', cm)).toEqual([]);
  });

  it('accepts free-form content of RawExtension and managedFields.fieldsV1', () => {
    const rev = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r', managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }] }, revision: 1, data: { spec: { anything: true } } };
    expect(findUnknownFields('apps/v1', 'ControllerRevision', rev)).toEqual([]);
  });

  it('judges fields by the schema of the requested version', () => {
    const v1 = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 3, targetCPUUtilizationPercentage: 50 } };
    expect(findUnknownFields('autoscaling/v1', 'HorizontalPodAutoscaler', v1)).toEqual([]);
    expect(findUnknownFields('autoscaling/v2', 'HorizontalPodAutoscaler', { ...v1, apiVersion: 'autoscaling/v2' })).toEqual(['spec.targetCPUUtilizationPercentage']);
  });

  it('matches field names case-sensitively, like sigs.k8s.io/json', () => {
    expect(findUnknownFields('v1', 'Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, Spec: {} })).toEqual(['Spec']);
  });

  it('accepts int-or-string and quantity values without descending into them', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 'http' }], selector: { app: 'x' } } };
    expect(findUnknownFields('v1', 'Service', svc)).toEqual([]);
  });

  it('knows the /scale subresource body (autoscaling/v1 Scale)', () => {
    expect(findUnknownFields('autoscaling/v1', 'Scale', { spec: { replicas: 3, replicaz: 4 } })).toEqual(['spec.replicaz']);
  });

  it('knows every served group, including rbac and metrics', () => {
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'], verb: ['list'] }] };
    expect(findUnknownFields('rbac.authorization.k8s.io/v1', 'Role', role)).toEqual(['rules[0].verb']);
    expect(hasFieldSchema('metrics.k8s.io/v1beta1', 'PodMetrics')).toBe(true);
  });

  it('has nothing to say about kinds it has no schema for', () => {
    expect(hasFieldSchema('example.com/v1', 'Widget')).toBe(false);
    expect(findUnknownFields('example.com/v1', 'Widget', { spec: { anything: 1 } })).toEqual([]);
  });
});

describe('strictDecodingMessage', () => {
  it('words the error as kube-apiserver does', () => {
    expect(strictDecodingMessage(['spec.foo', 'spec.bar'])).toBe('strict decoding error: unknown field "spec.foo", unknown field "spec.bar"');
  });
});
