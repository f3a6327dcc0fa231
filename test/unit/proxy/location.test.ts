import { describe, expect, it } from 'vitest';
import { pathAfterProxy, podProxyPort, splitSchemeNamePort } from '../../../src/apiserver/proxy/location';
import { requestInfo } from '../../../src/apiserver/request-info';

describe('splitSchemeNamePort', () => {
  it('reads name, name:port and scheme:name:port', () => {
    expect(splitSchemeNamePort('web')).toEqual({ scheme: '', name: 'web', port: '' });
    expect(splitSchemeNamePort('web:80')).toEqual({ scheme: '', name: 'web', port: '80' });
    expect(splitSchemeNamePort('web:http')).toEqual({ scheme: '', name: 'web', port: 'http' });
    expect(splitSchemeNamePort('https:web:443')).toEqual({ scheme: 'https', name: 'web', port: '443' });
    expect(splitSchemeNamePort('https:web:')).toEqual({ scheme: 'https', name: 'web', port: '' });
    expect(splitSchemeNamePort('web:')).toEqual({ scheme: '', name: 'web', port: '' });
  });

  it('refuses an empty name, an unknown scheme and too many parts', () => {
    expect(splitSchemeNamePort(':80')).toBeUndefined();
    expect(splitSchemeNamePort('ftp:web:21')).toBeUndefined();
    expect(splitSchemeNamePort('a:b:c:d')).toBeUndefined();
  });
});

describe('pathAfterProxy', () => {
  it('keeps the raw path after the proxy segment, query aside', () => {
    expect(pathAfterProxy('/api/v1/namespaces/default/services/web:80/proxy/')).toBe('/');
    expect(pathAfterProxy('/api/v1/namespaces/default/pods/p/proxy/a/b%20c')).toBe('/a/b%20c');
    expect(pathAfterProxy('/api/v1/nodes/worker-1/proxy/stats/summary')).toBe('/stats/summary');
    expect(pathAfterProxy('/api/v1/namespaces/default/pods/p/proxy/proxy/x')).toBe('/proxy/x');
  });

  it('is empty when nothing follows proxy (the handler redirects to proxy/)', () => {
    expect(pathAfterProxy('/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy')).toBe('');
  });
});

describe('the request info of proxy requests', () => {
  it('names the resource, the name with its port, the proxy subresource and the verb of the method', () => {
    const i = requestInfo('GET', '/api/v1/namespaces/default/services/https:web:443/proxy/a/b', new URLSearchParams());
    expect(i).toMatchObject({ resource: 'services', name: 'https:web:443', subresource: 'proxy', namespace: 'default', verb: 'get' });
    expect(requestInfo('POST', '/api/v1/namespaces/default/pods/p:8080/proxy/x', new URLSearchParams()).verb).toBe('create');
    expect(requestInfo('DELETE', '/api/v1/nodes/worker-1/proxy/x', new URLSearchParams())).toMatchObject({ resource: 'nodes', name: 'worker-1', subresource: 'proxy', verb: 'delete' });
    expect(requestInfo('GET', '/api/v1/namespaces/default/pods/p/proxy/', new URLSearchParams({ watch: 'true' })).verb).toBe('get');
  });
});

describe('podProxyPort', () => {
  const pod = (ports: number[]) => ({ metadata: {}, spec: { containers: [{ name: 'c', ports: ports.map((containerPort) => ({ containerPort })) }] } });
  it('takes the given port, else the first declared one, else 80', () => {
    expect(podProxyPort(pod([8080]), '9000', '')).toBe(9000);
    expect(podProxyPort(pod([8080, 9090]), '', '')).toBe(8080);
    expect(podProxyPort(pod([]), '', '')).toBe(80);
    expect(podProxyPort(pod([]), '', 'https')).toBe(443);
    expect(podProxyPort(pod([]), 'metrics', '')).toBeUndefined();
  });
});
