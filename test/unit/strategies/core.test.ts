import { describe, it, expect } from 'vitest';
import { created, createErrors, updated } from './helpers';
import { statusStrategies, strategies } from '../../../src/resources/strategies';

describe('service', () => {
  const svc = (spec: Record<string, any>) => ({ metadata: { name: 's', namespace: 'default' }, spec });

  it('defaults a ClusterIP service', () => {
    const s = created('services', svc({ selector: { app: 'web' }, ports: [{ port: 80 }] }));
    expect(s.spec).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
    expect(s.status).toEqual({ loadBalancer: {} });
  });

  it('adds externalTrafficPolicy for NodePort and LoadBalancer', () => {
    expect(created('services', svc({ type: 'NodePort', ports: [{ port: 80 }] })).spec.externalTrafficPolicy).toBe('Cluster');
    const lb = created('services', svc({ type: 'LoadBalancer', ports: [{ port: 80 }] })).spec;
    expect(lb.allocateLoadBalancerNodePorts).toBe(true);
  });

  it('requires externalName for ExternalName services', () => {
    expect(createErrors('services', svc({ type: 'ExternalName' }))).toEqual(['spec.externalName: Required value']);
  });

  it('rejects bad types and ports', () => {
    expect(createErrors('services', svc({ type: 'Foo', ports: [{ port: 0 }] }))).toEqual([
      'spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
    expect(createErrors('services', svc({ ports: [{ port: 80 }, { port: 443 }] }))).toEqual(['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']);
  });

  it('keeps the assigned clusterIP', () => {
    const old = created('services', svc({ ports: [{ port: 80 }] }));
    old.spec.clusterIP = '10.96.0.10';
    old.spec.clusterIPs = ['10.96.0.10'];
    const next = structuredClone(old);
    next.spec.clusterIP = '10.96.0.11';
    expect(updated('services', next, old).errors).toEqual(['spec.clusterIPs[0]: Invalid value: ["10.96.0.11"]: may not change once set']);
    const omitted = structuredClone(old);
    delete omitted.spec.clusterIP;
    delete omitted.spec.clusterIPs;
    const r = updated('services', omitted, old);
    expect(r.errors).toEqual([]);
    expect(r.obj.spec.clusterIP).toBe('10.96.0.10');
  });
});

describe('configmap and secret', () => {
  it('rejects invalid data keys', () => {
    expect(createErrors('configmaps', { metadata: { name: 'c' }, data: { 'a/b': 'x' } })).toEqual([
      "data[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
  });

  it('freezes an immutable configmap', () => {
    const old = created('configmaps', { metadata: { name: 'c' }, data: { a: '1' }, immutable: true });
    const next = { ...structuredClone(old), data: { a: '2' } };
    expect(updated('configmaps', next, old).errors).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
    expect(updated('configmaps', { ...structuredClone(old), immutable: false }, old).errors).toEqual(['immutable: Forbidden: field is immutable when `immutable` is set']);
  });

  it('defaults secret type and folds stringData into data', () => {
    const s = created('secrets', { metadata: { name: 's' }, stringData: { password: 'héllo' } });
    expect(s.type).toBe('Opaque');
    expect(s.stringData).toBeUndefined();
    expect(s.data).toEqual({ password: btoa('h\u00c3\u00a9llo') });
  });

  it('keeps the secret type immutable and requires tls keys', () => {
    const old = created('secrets', { metadata: { name: 's' }, data: {} });
    expect(updated('secrets', { ...structuredClone(old), type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' } }, old).errors).toEqual([
      'type: Invalid value: "kubernetes.io/tls": field is immutable',
    ]);
    expect(createErrors('secrets', { metadata: { name: 't' }, type: 'kubernetes.io/tls', data: {} })).toEqual(['data[tls.crt]: Required value', 'data[tls.key]: Required value']);
  });
});

describe('storage, namespace and policy defaults', () => {
  it('defaults PVs, PVCs and StorageClasses', () => {
    const pv = created('persistentvolumes', { metadata: { name: 'pv' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } } });
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Retain');
    expect(pv.spec.volumeMode).toBe('Filesystem');
    expect(pv.status.phase).toBe('Pending');
    expect(createErrors('persistentvolumes', pv)).toEqual([]);
    const pvc = created('persistentvolumeclaims', { metadata: { name: 'c' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    expect(pvc.spec.volumeMode).toBe('Filesystem');
    expect(pvc.status).toEqual({ phase: 'Pending' });
    expect(createErrors('persistentvolumeclaims', { metadata: { name: 'c' }, spec: {} })).toEqual([
      'spec.accessModes: Required value: at least 1 access mode is required',
      'spec.resources[storage]: Required value',
    ]);
    const sc = created('storageclasses.storage.k8s.io', { metadata: { name: 'fast' }, provisioner: 'rancher.io/local-path' });
    expect([sc.reclaimPolicy, sc.volumeBindingMode]).toEqual(['Delete', 'Immediate']);
    expect(updated('storageclasses.storage.k8s.io', { ...structuredClone(sc), parameters: { a: 'b' } }, sc).errors).toEqual(['parameters: Forbidden: updates to parameters are forbidden.']);
  });

  it('defaults a namespace', () => {
    const ns = created('namespaces', { metadata: { name: 'dev' } });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev' });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
  });

  it('defaults networkpolicy policyTypes', () => {
    expect(created('networkpolicies.networking.k8s.io', { metadata: { name: 'n' }, spec: { podSelector: {} } }).spec.policyTypes).toEqual(['Ingress']);
    const np = created('networkpolicies.networking.k8s.io', { metadata: { name: 'n' }, spec: { podSelector: {}, egress: [{ ports: [{ port: 53 }] }] } });
    expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(np.spec.egress[0].ports[0].protocol).toBe('TCP');
  });

  it('fills HPA behavior rules when behavior is present', () => {
    const hpa = created('horizontalpodautoscalers.autoscaling', {
      metadata: { name: 'h' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } },
    });
    expect(hpa.spec.minReplicas).toBe(1);
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(hpa.spec.behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
    expect(createErrors('horizontalpodautoscalers.autoscaling', { metadata: { name: 'h' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'w' }, minReplicas: 3, maxReplicas: 2 } })).toEqual([
      'spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
    ]);
  });

  it('requires pathType on ingress paths', () => {
    const errs = createErrors('ingresses.networking.k8s.io', {
      metadata: { name: 'i' },
      spec: { rules: [{ http: { paths: [{ path: '/', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
    });
    expect(errs).toEqual(['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified']);
  });

  it('rejects a PDB with both minAvailable and maxUnavailable', () => {
    const errs = createErrors('poddisruptionbudgets.policy', { metadata: { name: 'p' }, spec: { minAvailable: 1, maxUnavailable: 1 } });
    expect(errs).toEqual(['spec: Invalid value: {"minAvailable":1,"maxUnavailable":1}: minAvailable and maxUnavailable cannot be both set']);
  });
});

describe('status subresource', () => {
  it('keeps the stored spec and takes the new status', () => {
    const old = created('deployments.apps', { metadata: { name: 'd', labels: { a: 'b' } }, spec: { replicas: 2 } });
    const next: any = structuredClone(old);
    next.spec.replicas = 9;
    next.metadata.labels = { a: 'c' };
    next.status = { replicas: 2, readyReplicas: 2 };
    statusStrategies['deployments.apps'].prepareForUpdate!(next, old);
    expect(next.spec.replicas).toBe(2);
    expect(next.metadata.labels).toEqual({ a: 'b' });
    expect(next.status).toEqual({ replicas: 2, readyReplicas: 2 });
  });

  it('keys strategies by storage key', () => {
    for (const k of ['pods', 'deployments.apps', 'horizontalpodautoscalers.autoscaling', 'ingresses.networking.k8s.io']) expect(strategies[k]).toBeDefined();
  });
});
