import { describe, it, expect } from 'vitest';
import { requestInfo } from '../../src/apiserver/request-info';
import { eventFor } from '../../src/cluster/watch-hub';
import { negotiateDiscovery } from '../../src/apiserver/discovery';

const q = (s = '') => new URLSearchParams(s);

describe('requestInfo', () => {
  it('reads a namespaced item with a subresource', () => {
    const i = requestInfo('PUT', '/apis/apps/v1/namespaces/prod/deployments/web/scale', q());
    expect(i).toMatchObject({ isResourceRequest: true, verb: 'update', apiGroup: 'apps', apiVersion: 'v1', namespace: 'prod', resource: 'deployments', name: 'web', subresource: 'scale' });
  });

  it('tells list from watch and delete from deletecollection', () => {
    expect(requestInfo('GET', '/api/v1/pods', q()).verb).toBe('list');
    expect(requestInfo('GET', '/api/v1/namespaces/a/pods', q('watch=true')).verb).toBe('watch');
    expect(requestInfo('GET', '/api/v1/namespaces/a/pods', q('watch=1')).verb).toBe('watch');
    expect(requestInfo('DELETE', '/api/v1/namespaces/a/pods', q()).verb).toBe('deletecollection');
    expect(requestInfo('DELETE', '/api/v1/namespaces/a/pods/x', q()).verb).toBe('delete');
  });

  it('treats a namespace as the namespace of its own requests', () => {
    const i = requestInfo('GET', '/api/v1/namespaces/dev', q());
    expect(i).toMatchObject({ resource: 'namespaces', name: 'dev', namespace: 'dev', verb: 'get' });
    expect(requestInfo('PUT', '/api/v1/namespaces/dev/finalize', q())).toMatchObject({ resource: 'namespaces', name: 'dev', subresource: 'finalize' });
  });

  it('leaves discovery and other paths as non-resource requests', () => {
    expect(requestInfo('GET', '/apis/apps/v1', q()).isResourceRequest).toBe(false);
    expect(requestInfo('GET', '/version', q()).isResourceRequest).toBe(false);
  });
});

describe('watch event for a selector', () => {
  const w = { matches: (o: any) => o.metadata.labels?.app === 'web' };
  const obj = (app?: string) => ({ metadata: { name: 'p', labels: app ? { app } : {} } });
  const change = (type: any, now: any, old?: any) => ({ type, resource: 'pods', namespace: 'd', name: 'p', rv: 2, object: now, old });

  it('sends an object that stops matching as DELETED and one that starts matching as ADDED', () => {
    expect(eventFor(w, change('MODIFIED', obj('db'), obj('web')))).toBe('DELETED');
    expect(eventFor(w, change('MODIFIED', obj('web'), obj('db')))).toBe('ADDED');
    expect(eventFor(w, change('MODIFIED', obj('web'), obj('web')))).toBe('MODIFIED');
    expect(eventFor(w, change('MODIFIED', obj('db'), obj('db')))).toBeUndefined();
    expect(eventFor(w, change('DELETED', obj('web'), obj('web')))).toBe('DELETED');
  });
});

describe('discovery negotiation', () => {
  it('takes the first aggregated format the client accepts', () => {
    expect(negotiateDiscovery('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json')).toBe('v2');
    expect(negotiateDiscovery('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json')).toBe('v2beta1');
    expect(negotiateDiscovery('application/json')).toBeUndefined();
  });
});
