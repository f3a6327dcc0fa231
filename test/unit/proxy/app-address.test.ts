import { describe, expect, it } from 'vitest';
import { parseAppPath, segmentOf } from '../../../src/apiserver/proxy/app-address';

describe('app addresses', () => {
  it('reads an IP with a port, an IP alone (port 80) and an Ingress host, with the rest of the path', () => {
    expect(parseAppPath('/172.18.0.3:30080/a/b', '?x=1')).toEqual({ host: '172.18.0.3', port: 30080, segment: '172.18.0.3:30080', path: '/a/b?x=1' });
    expect(parseAppPath('/172.18.255.201')).toEqual({ host: '172.18.255.201', port: 80, segment: '172.18.255.201', path: '/' });
    expect(parseAppPath('/Hello.Example.com:443/')).toMatchObject({ host: 'hello.example.com', port: 443, path: '/' });
  });

  it('is no address for the platform pages, bad ports and odd names', () => {
    expect(parseAppPath('/')).toBeUndefined();
    expect(parseAppPath('/_kubeplay/')).toBeUndefined();
    expect(parseAppPath('/host:0/')).toBeUndefined();
    expect(parseAppPath('/host:99999/')).toBeUndefined();
    expect(parseAppPath('/a..b/')).toBeUndefined();
    expect(parseAppPath('/x%2Fy/')).toBeUndefined();
  });

  it('names the address an absolute link stands for, by its scheme', () => {
    expect(segmentOf('http', '172.18.255.201')).toBe('172.18.255.201');
    expect(segmentOf('http', '172.18.255.201:80')).toBe('172.18.255.201');
    expect(segmentOf('https', 'shop.example.com')).toBe('shop.example.com:443');
    expect(segmentOf('https', 'shop.example.com:443')).toBe('shop.example.com:443');
    expect(segmentOf('http', '172.18.0.3:30080')).toBe('172.18.0.3:30080');
  });
});
