import { describe, it, expect } from 'vitest';
import { customResourceDef, subresourcesOf } from '../../../src/resources/customresource/serving';
import { resourcesOf } from '../../../src/resources/resolver';
import { apiResourceList, apiGroupList } from '../../../src/apiserver/discovery';
import type { KubeObject } from '../../../src/apiserver/types';

const established = [{ type: 'NamesAccepted', status: 'True' }, { type: 'Established', status: 'True' }];
const crd = (conditions: unknown[] = established, rv = '1'): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.shop.example.com', uid: 'u1', resourceVersion: rv },
  spec: {
    group: 'shop.example.com',
    scope: 'Cluster',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
    versions: [
      { name: 'v1beta1', served: true, storage: false },
      { name: 'v1', served: true, storage: true, subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } } },
      { name: 'v1alpha1', served: false, storage: false },
    ],
  },
  status: { acceptedNames: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList', categories: ['all'] }, conditions },
});

describe('what a CRD serves', () => {
  it('serves its served versions in kube-aware order, stored in its storage version', () => {
    const def = customResourceDef(crd())!;
    expect(def).toMatchObject({ group: 'shop.example.com', resource: 'widgets', kind: 'Widget', namespaced: false, versions: ['v1', 'v1beta1'], storageVersion: 'v1', categories: ['all'] });
    expect(subresourcesOf(def, 'v1').map((s) => s.name)).toEqual(['scale', 'status']);
    expect(subresourcesOf(def, 'v1beta1')).toEqual([]);
  });

  it('serves nothing before its names are accepted', () => {
    expect(customResourceDef(crd([{ type: 'NamesAccepted', status: 'False' }]))).toBeUndefined();
  });

  it('joins discovery through the cluster\'s resolver, rebuilt when the CRD changes', () => {
    let crds = [crd()];
    const store = { list: () => crds.map((obj) => ({ obj })) };
    const served = resourcesOf(store);
    expect(served.find('shop.example.com', 'v1', 'widgets')?.kind).toBe('Widget');
    expect(served.find('', 'v1', 'pods')?.kind).toBe('Pod');
    expect(apiGroupList(served).groups.at(-1)).toEqual({ name: 'shop.example.com', versions: [{ groupVersion: 'shop.example.com/v1', version: 'v1' }, { groupVersion: 'shop.example.com/v1beta1', version: 'v1beta1' }], preferredVersion: { groupVersion: 'shop.example.com/v1', version: 'v1' } });
    expect(apiResourceList(served, 'shop.example.com', 'v1')!.resources.map((r) => r.name)).toEqual(['widgets', 'widgets/scale', 'widgets/status']);
    crds = [crd([{ type: 'NamesAccepted', status: 'False' }], '2')];
    expect(served.find('shop.example.com', 'v1', 'widgets')).toBeUndefined();
    expect(apiResourceList(served, 'shop.example.com', 'v1')).toBeUndefined();
  });
});
