import { describe, it, expect } from 'vitest';
import { deprecationWarning } from '../../src/apiserver/deprecation';

describe('deprecation warnings of kube-apiserver 1.33', () => {
  it('names the deprecated version, since when, and the replacement', () => {
    expect(deprecationWarning({ apiGroup: '', apiVersion: 'v1', resource: 'endpoints' })).toBe('v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice');
    expect(deprecationWarning({ apiGroup: '', apiVersion: 'v1', resource: 'componentstatuses' })).toBe('v1 ComponentStatus is deprecated in v1.19+');
  });
  it('says nothing of current APIs', () => {
    expect(deprecationWarning({ apiGroup: 'discovery.k8s.io', apiVersion: 'v1', resource: 'endpointslices' })).toBeUndefined();
    expect(deprecationWarning({ apiGroup: '', apiVersion: 'v1', resource: 'pods' })).toBeUndefined();
  });
});
