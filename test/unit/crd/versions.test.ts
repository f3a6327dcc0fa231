import { describe, it, expect } from 'vitest';
import { compareKubeAwareVersions, sortKubeAwareVersions } from '../../../src/resources/customresource/versions';

describe('kube-aware version order', () => {
  it('puts GA before beta before alpha, higher major and minor first, then other names in order', () => {
    expect(sortKubeAwareVersions(['foo10', 'v1alpha1', 'v11alpha2', 'v1', 'v12alpha1', 'v2', 'foo1', 'v3beta1', 'v10beta3', 'v10', 'v11beta2'])).toEqual([
      'v10', 'v2', 'v1', 'v11beta2', 'v10beta3', 'v3beta1', 'v12alpha1', 'v11alpha2', 'v1alpha1', 'foo1', 'foo10',
    ]);
  });

  it('compares equal versions as equal', () => {
    expect(compareKubeAwareVersions('v1beta1', 'v1beta1')).toBe(0);
    expect(compareKubeAwareVersions('v1', 'v1beta1')).toBeLessThan(0);
  });
});
