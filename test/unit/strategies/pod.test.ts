import { describe, it, expect } from 'vitest';
import { created, createErrors, updated } from './helpers';
import { POD_UPDATE_FORBIDDEN } from '../../../src/resources/podspec/pod-update';
import { admitServiceAccount } from '../../../src/resources/podspec/pod-admission';

const pod = (spec: Record<string, any>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u1' }, spec });

describe('pod defaults on create', () => {
  it('fills the fields kubectl get -o yaml shows on a real cluster', () => {
    const p = created('pods', pod({ containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }] }));
    const spec = p.spec;
    const volName = spec.volumes[0].name;
    expect(volName).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(spec).toEqual({
      containers: [
        {
          name: 'web',
          image: 'nginx',
          imagePullPolicy: 'Always',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [{ name: volName, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      volumes: [
        {
          name: volName,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
            ],
          },
        },
      ],
    });
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('pulls IfNotPresent for a tagged image and Always for :latest', () => {
    const p = created('pods', pod({ containers: [{ name: 'a', image: 'nginx:1.25' }, { name: 'b', image: 'repo:5000/x:latest' }, { name: 'c', image: 'x@sha256:abc' }] }));
    expect(p.spec.containers.map((c: any) => c.imagePullPolicy)).toEqual(['IfNotPresent', 'Always', 'IfNotPresent']);
  });

  it('defaults requests from limits and computes the QoS class', () => {
    const g = created('pods', pod({ containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '500m', memory: '128Mi' } } }] }));
    expect(g.spec.containers[0].resources.requests).toEqual({ cpu: '500m', memory: '128Mi' });
    expect(g.status.qosClass).toBe('Guaranteed');
    const b = created('pods', pod({ containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: '100m' } } }] }));
    expect(b.status.qosClass).toBe('Burstable');
  });

  it('skips the token volume when automountServiceAccountToken is false', () => {
    const p = created('pods', pod({ automountServiceAccountToken: false, containers: [{ name: 'a', image: 'x' }] }));
    expect(p.spec.volumes).toBeUndefined();
    expect(p.spec.serviceAccountName).toBe('default');
  });

  it('keeps an existing toleration covering not-ready', () => {
    const p = created('pods', pod({ tolerations: [{ operator: 'Exists' }], containers: [{ name: 'a', image: 'x' }] }));
    expect(p.spec.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('names the token volume with the given suffix and mounts it in every container', () => {
    const spec: any = { initContainers: [{ name: 'i' }], containers: [{ name: 'a' }] };
    admitServiceAccount(spec, 'abcde');
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['kube-api-access-abcde']);
    expect(spec.initContainers[0].volumeMounts[0].name).toBe('kube-api-access-abcde');
    expect(spec.containers[0].volumeMounts[0].readOnly).toBe(true);
  });

  it('adds probe and httpGet defaults', () => {
    const p = created('pods', pod({ containers: [{ name: 'a', image: 'x', livenessProbe: { httpGet: { port: 80 } } }] }));
    expect(p.spec.containers[0].livenessProbe).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });
});

describe('pod validation messages', () => {
  it('requires containers', () => {
    expect(createErrors('pods', pod({ containers: [] }))).toEqual(['spec.containers: Required value']);
  });

  it('requires container name and image', () => {
    expect(createErrors('pods', pod({ containers: [{}] }))).toEqual(['spec.containers[0].name: Required value', 'spec.containers[0].image: Required value']);
  });

  it('lists the supported image pull policies and restart policies', () => {
    const errs = createErrors('pods', pod({ restartPolicy: 'Sometimes', containers: [{ name: 'a', image: 'x', imagePullPolicy: 'Maybe' }] }));
    expect(errs).toContain('spec.containers[0].imagePullPolicy: Unsupported value: "Maybe": supported values: "Always", "IfNotPresent", "Never"');
    expect(errs).toContain('spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"');
  });

  it('checks port ranges', () => {
    const errs = createErrors('pods', pod({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 70000 }, { containerPort: 80, hostPort: -1 }] }] }));
    expect(errs).toEqual([
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[1].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive',
    ]);
  });

  it('rejects requests above limits with the limit in canonical form', () => {
    const errs = createErrors('pods', pod({ containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: '2' }, limits: { cpu: '1000m' } } }] }));
    expect(errs).toEqual(['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1']);
  });

  it('rejects malformed and negative quantities', () => {
    const errs = createErrors('pods', pod({ containers: [{ name: 'a', image: 'x', resources: { requests: { memory: '-1Gi', cpu: 'lots' } } }] }));
    expect(errs).toContain('spec.containers[0].resources.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0');
    expect(errs.some((e) => e.startsWith('spec.containers[0].resources.requests[cpu]: Invalid value: "lots": quantities must match'))).toBe(true);
  });

  it('reports duplicate container names and unknown volume mounts', () => {
    const errs = createErrors('pods', pod({ containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/d' }] }, { name: 'a', image: 'y' }] }));
    expect(errs).toContain('spec.containers[0].volumeMounts[0].name: Not found: "data"');
    expect(errs).toContain('spec.containers[1].name: Duplicate value: "a"');
  });
});

describe('pod updates', () => {
  const base = created('pods', pod({ containers: [{ name: 'a', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] }));

  it('allows changing the image', () => {
    const next = structuredClone(base);
    next.spec.containers[0].image = 'nginx:1.26';
    next.status = { phase: 'Running' };
    const { obj, errors } = updated('pods', next, base);
    expect(errors).toEqual([]);
    expect(obj.status).toEqual(base.status);
  });

  it('forbids other changes with the upstream message', () => {
    const next = structuredClone(base);
    next.spec.containers[0].ports[0].containerPort = 8080;
    const { errors } = updated('pods', next, base);
    expect(errors).toHaveLength(1);
    expect(errors[0].startsWith(`spec: Forbidden: ${POD_UPDATE_FORBIDDEN}\n`)).toBe(true);
    expect(POD_UPDATE_FORBIDDEN).toBe(
      'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(errors[0]).toContain('containers[0].ports[0].containerPort');
  });

  it('forbids adding containers', () => {
    const next = structuredClone(base);
    next.spec.containers.push({ name: 'b', image: 'x' });
    expect(updated('pods', next, base).errors).toContain('spec.containers: Forbidden: pod updates may not add or remove containers');
  });
});

describe('quantities in container resources', () => {
  it('are stored in canonical form, as the API round-trips them', async () => {
    const { defaultContainer } = await import('../../../src/resources/podspec/defaults');
    const c: any = { name: 'c', image: 'nginx:1.25', resources: { requests: { cpu: 0.5, memory: '128Mi' }, limits: { cpu: 1, memory: '0.5Gi' } } };
    defaultContainer(c);
    expect(c.resources).toEqual({ requests: { cpu: '500m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } });
  });
});
