import { describe, expect, it } from 'vitest';
import { MemoryFileStore } from '../../../src/sim/runtime/files';
import { ContainerView, FsError } from '../../../src/sim/runtime/view';
import { imageFs, NGINX_INDEX } from '../../../src/sim/runtime/images';
import { containerMounts, hostsFile, resolvConf } from '../../../src/sim/runtime/mounts';
import { serviceEnv, linkedServices } from '../../../src/sim/runtime/env';

const lookup = {
  configMap: (_ns: string, n: string) => (n === 'cm' ? { metadata: { name: 'cm' }, data: { city: 'Paris' } } : undefined),
  secret: (_ns: string, n: string) => (n === 's' ? { metadata: { name: 's' }, data: { password: btoa('mypassword') } } : undefined),
  pvc: (_ns: string, n: string) => ({ metadata: { name: n, uid: 'c1' }, spec: { volumeName: 'pv-1' } }),
  dnsIP: '10.96.0.10',
};

const pod = (volumes: any[], mounts: any[], extra: any = {}) => ({
  metadata: { name: 'p', namespace: 'ns', uid: 'u1' },
  spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx', volumeMounts: mounts }], volumes, ...extra },
  status: { podIP: '10.244.1.5' },
});

describe('container filesystem view', () => {
  it('shows the image files, and hides them under a mounted volume', () => {
    const store = new MemoryFileStore();
    const p = pod([{ name: 'www', persistentVolumeClaim: { claimName: 'www-p' } }], [{ name: 'www', mountPath: '/usr/share/nginx/html' }]);
    const bare = new ContainerView(store, imageFs('nginx'), 'o', []);
    expect(bare.read('/usr/share/nginx/html/index.html')).toBe(NGINX_INDEX);
    const v = new ContainerView(store, imageFs('nginx'), 'o', containerMounts(p, p.spec.containers[0], lookup));
    expect(v.list('/usr/share/nginx/html')).toEqual([]);
    v.write('/usr/share/nginx/html/index.html', 'web-0\n');
    expect(store.get('pv/pv-1', '/index.html')?.data).toBe('web-0\n');
  });

  it('decodes secret keys into files and follows configMap content', () => {
    const p = pod([{ name: 'creds', secret: { secretName: 's' } }, { name: 'cfg', configMap: { name: 'cm' } }], [{ name: 'creds', mountPath: '/etc/creds' }, { name: 'cfg', mountPath: '/etc/config' }]);
    const v = new ContainerView(new MemoryFileStore(), imageFs('busybox'), 'o', containerMounts(p, p.spec.containers[0], lookup));
    expect(v.read('/etc/creds/password')).toBe('mypassword');
    expect(v.read('/etc/config/city')).toBe('Paris');
    expect(() => v.write('/etc/config/x', 'y')).toThrow(FsError);
  });

  it('puts hostPath files in the node store, under the host path', () => {
    const store = new MemoryFileStore();
    const p = pod([{ name: 'h', hostPath: { path: '/tmp/x' } }], [{ name: 'h', mountPath: '/host' }]);
    new ContainerView(store, imageFs('busybox'), 'o', containerMounts(p, p.spec.containers[0], lookup)).write('/host/data.txt', 'on-node');
    expect(store.get('hostpath/worker-1', '/tmp/x/data.txt')?.data).toBe('on-node');
  });

  it('keeps overlay deletions of image files as whiteouts', () => {
    const store = new MemoryFileStore();
    const v = new ContainerView(store, imageFs('nginx'), 'o', []);
    v.remove('/usr/share/nginx/html/50x.html');
    expect(v.list('/usr/share/nginx/html')).toEqual(['index.html']);
    expect(new ContainerView(store, imageFs('nginx'), 'o2', []).list('/usr/share/nginx/html')).toEqual(['50x.html', 'index.html']);
  });

  it('writes the kubelet-managed hosts and resolv.conf', () => {
    const p = pod([], [], { hostname: 'web-0', subdomain: 'nginx' });
    expect(hostsFile(p)).toContain('10.244.1.5\tweb-0.nginx.ns.svc.cluster.local\tweb-0\n');
    expect(resolvConf(p, '10.96.0.10')).toBe('search ns.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('refuses a write into a missing directory', () => {
    const v = new ContainerView(new MemoryFileStore(), imageFs('busybox'), 'o', []);
    expect(() => v.write('/nope/x', 'y')).toThrow(FsError);
  });
});

describe('service link variables', () => {
  const svc = { metadata: { name: 'web-service', namespace: 'ns', creationTimestamp: '2025-01-01T00:00:00Z' }, spec: { clusterIP: '10.96.5.5', ports: [{ port: 80, protocol: 'TCP' }] } };
  it('names them after the Service', () => {
    expect(serviceEnv(svc)).toContainEqual(['WEB_SERVICE_SERVICE_HOST', '10.96.5.5']);
    expect(serviceEnv(svc)).toContainEqual(['WEB_SERVICE_PORT_80_TCP_ADDR', '10.96.5.5']);
  });
  it('gives them only to containers started after the Service', () => {
    const p = { metadata: { namespace: 'ns' }, spec: {} };
    expect(linkedServices(p, [svc], Date.parse('2024-12-31T00:00:00Z'))).toEqual([]);
    expect(linkedServices(p, [svc], Date.parse('2025-01-02T00:00:00Z'))).toEqual([svc]);
  });
});
