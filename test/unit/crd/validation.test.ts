import { describe, it, expect } from 'vitest';
import { errorText } from '../../../src/apiserver/field-errors';
import { customResourceDefinitionStrategy } from '../../../src/resources/customresourcedefinition/strategy';
import type { KubeObject } from '../../../src/apiserver/types';

const schema = { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } };
const base = (): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.shop.example.com' },
  spec: { group: 'shop.example.com', scope: 'Namespaced', names: { plural: 'widgets', kind: 'Widget' }, versions: [{ name: 'v1', served: true, storage: true, schema }] },
});

/** The errors of a CRD after the registry's defaults and prepareForCreate, as upstream prints them. */
function errors(crd: KubeObject): string[] {
  customResourceDefinitionStrategy.defaults!(crd);
  customResourceDefinitionStrategy.prepareForCreate!(crd);
  return customResourceDefinitionStrategy.validate!(crd).map(errorText);
}

describe('CustomResourceDefinition validation', () => {
  it('accepts a well-formed CRD, defaulting singular, listKind and conversion', () => {
    const crd = base();
    expect(errors(crd)).toEqual([]);
    expect(crd.spec.names).toEqual({ plural: 'widgets', kind: 'Widget', singular: 'widget', listKind: 'WidgetList' });
    expect(crd.spec.conversion).toEqual({ strategy: 'None' });
    expect(crd.status).toEqual({ acceptedNames: { plural: '', kind: '' }, storedVersions: ['v1'] });
  });

  it('refuses a name that is not <plural>.<group>, a group without a dot and an unknown scope', () => {
    const crd = base();
    crd.metadata.name = 'gadgets.shop.example.com';
    crd.spec.group = 'shop';
    crd.spec.scope = 'Global';
    expect(errors(crd)).toEqual(expect.arrayContaining([
      'metadata.name: Invalid value: "gadgets.shop.example.com": must be spec.names.plural+"."+spec.group',
      'spec.group: Invalid value: "shop": should be a domain with at least one dot',
      'spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"',
    ]));
  });

  it('wants exactly one storage version, unique version names and a schema for each', () => {
    const crd = base();
    crd.spec.versions = [{ name: 'v1', served: true, storage: true, schema }, { name: 'v1', served: true, storage: true }];
    const errs = errors(crd);
    expect(errs).toContain('spec.versions[1].schema.openAPIV3Schema: Required value');
    expect(errs.some((e) => e.startsWith('spec.versions: Invalid value:') && e.endsWith('must contain unique version names'))).toBe(true);
    expect(errs.some((e) => e.endsWith('must have exactly one version marked as storage version'))).toBe(true);
  });

  it('checks names, printer columns and scale paths', () => {
    const crd = base();
    crd.spec.names = { plural: 'Widgets', kind: 'Widget', listKind: 'Widget', shortNames: ['w_d'] };
    crd.spec.versions[0].additionalPrinterColumns = [{ name: 'Size', type: 'int', jsonPath: 'spec.size' }];
    crd.spec.versions[0].subresources = { scale: { specReplicasPath: '.status.replicas', statusReplicasPath: '.status.replicas' } };
    const errs = errors(crd);
    expect(errs).toContain('spec.names.listKind: Invalid value: "Widget": kind and listKind may not be the same');
    expect(errs.some((e) => e.startsWith('spec.names.plural: Invalid value: "Widgets": a DNS-1035 label must consist of lower case alphanumeric characters'))).toBe(true);
    expect(errs.some((e) => e.startsWith('spec.names.shortNames[0]: Invalid value: "w_d"'))).toBe(true);
    expect(errs).toContain('spec.versions[0].additionalPrinterColumns[0].type: Invalid value: "int": must be one of boolean,date,integer,number,string');
    expect(errs).toContain('spec.versions[0].additionalPrinterColumns[0].JSONPath: Invalid value: "spec.size": must be a simple json path starting with .');
    expect(errs).toContain('spec.versions[0].subresources.scale.specReplicasPath: Invalid value: ".status.replicas": should be a json path under .spec');
  });

  it('keeps scope and kind once established, and group and plural always', () => {
    const old = base();
    customResourceDefinitionStrategy.defaults!(old);
    customResourceDefinitionStrategy.prepareForCreate!(old);
    old.status.conditions = [{ type: 'Established', status: 'True' }];
    const crd = structuredClone(old);
    crd.spec.scope = 'Cluster';
    crd.spec.names.kind = 'Gizmo';
    crd.spec.names.plural = 'gizmos';
    customResourceDefinitionStrategy.prepareForUpdate!(crd, old);
    const errs = customResourceDefinitionStrategy.validateUpdate!(crd, old).map(errorText);
    expect(errs).toEqual(expect.arrayContaining([
      'spec.scope: Invalid value: "Cluster": field is immutable',
      'spec.names.kind: Invalid value: "Gizmo": field is immutable',
      'spec.names.plural: Invalid value: "gizmos": field is immutable',
    ]));
    expect(crd.metadata.generation).toBe(2);
  });

  it('judges each version\'s schema as a structural schema', () => {
    const crd = base();
    crd.spec.versions[0].schema = { openAPIV3Schema: { type: 'object', properties: { spec: { properties: { size: { type: 'integer' } } } } } };
    expect(errors(crd).some((e) => e.startsWith('spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value'))).toBe(true);
  });
});
