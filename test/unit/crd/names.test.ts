import { describe, it, expect } from 'vitest';
import { acceptNames, setCondition } from '../../../src/resources/customresourcedefinition/conditions';
import type { KubeObject } from '../../../src/apiserver/types';

const crd = (name: string, names: Record<string, unknown>, accepted?: Record<string, unknown>, conditions?: unknown[]): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name },
  spec: { group: 'shop.example.com', names },
  status: { acceptedNames: accepted ?? { plural: '', kind: '' }, ...(conditions ? { conditions } : {}) },
});

describe('the names a CRD is granted', () => {
  it('accepts fresh names and establishes the CRD', () => {
    const r = acceptNames(crd('widgets.shop.example.com', { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList', shortNames: ['wd'] }), []);
    expect(r.names).toMatchObject({ plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList', shortNames: ['wd'] });
    expect(r.namesAccepted).toMatchObject({ status: 'True', reason: 'NoConflicts', message: 'no conflicts found' });
    expect(r.established).toMatchObject({ status: 'True', reason: 'InitialNamesAccepted' });
  });

  it('refuses a short name another CRD of the group was granted, keeping the rest', () => {
    const other = crd('gadgets.shop.example.com', {}, { plural: 'gadgets', singular: 'gadget', shortNames: ['wd', 'gd'], kind: 'Gadget', listKind: 'GadgetList' });
    const r = acceptNames(crd('widgets.shop.example.com', { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList', shortNames: ['wd', 'gd'] }), [other]);
    expect(r.namesAccepted).toMatchObject({ status: 'False', reason: 'ShortNamesConflict', message: '["wd" is already in use, "gd" is already in use]' });
    expect(r.names.shortNames).toBeUndefined();
    expect(r.names.kind).toBe('Widget');
    expect(r.established).toMatchObject({ status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' });
  });

  it('ignores CRDs of other groups, and keeps names already granted', () => {
    const elsewhere = { ...crd('widgets.other.example.com', {}, { plural: 'widgets', kind: 'Widget', listKind: 'WidgetList', singular: 'widget' }), spec: { group: 'other.example.com' } };
    const self = crd('widgets.shop.example.com', { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' }, { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' });
    expect(acceptNames(self, [elsewhere, self]).namesAccepted.status).toBe('True');
  });

  it('keeps a condition\'s transition time while its status stays', () => {
    const first = setCondition(undefined, { type: 'Established', status: 'True', reason: 'A' }, 't1');
    const same = setCondition(first, { type: 'Established', status: 'True', reason: 'B' }, 't2');
    expect(same).toEqual([{ type: 'Established', status: 'True', reason: 'B', lastTransitionTime: 't1', message: undefined }]);
    expect(setCondition(same, { type: 'Established', status: 'False' }, 't3')[0].lastTransitionTime).toBe('t3');
  });
});
