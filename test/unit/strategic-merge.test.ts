import { describe, it, expect } from 'vitest';
import { strategicMergePatch, PatchError } from '../../src/apiserver/patch/strategic-merge.js';
import { mergeInfoFor } from '../../src/apiserver/patch/merge-keys.js';

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web', tier: 'fe' }, finalizers: ['a', 'b'] },
  spec: {
    replicas: 2,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] },
          { name: 'sidecar', image: 'busybox', command: ['sleep', '1d'] },
        ],
        tolerations: [{ key: 'x', operator: 'Exists' }],
      },
    },
  },
});

const sm = (o: any, p: any) => strategicMergePatch(o, p, 'apps', 'Deployment');

describe('merge-key table', () => {
  it('knows the pod template lists of a Deployment by path', () => {
    const look = mergeInfoFor('apps', 'Deployment');
    expect(look(['spec', 'template', 'spec', 'containers'])).toEqual({ strategy: ['merge'], key: 'name' });
    expect(look(['spec', 'template', 'spec', 'containers', '[]', 'ports'])?.key).toBe('containerPort');
    expect(look(['spec', 'template', 'spec', 'volumes'])?.strategy).toEqual(['merge', 'retainKeys']);
    expect(look(['spec', 'strategy'])?.strategy).toEqual(['retainKeys']);
    expect(look(['metadata', 'ownerReferences'])?.key).toBe('uid');
    expect(look(['spec', 'template', 'spec', 'tolerations'])).toBeUndefined();
  });
  it('knows CronJob templates, Service ports and Pod lists', () => {
    expect(mergeInfoFor('batch', 'CronJob')(['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers'])?.key).toBe('name');
    expect(mergeInfoFor('', 'Service')(['spec', 'ports'])?.key).toBe('port');
    expect(mergeInfoFor('', 'Pod')(['spec', 'containers', '[]', 'volumeMounts'])?.key).toBe('mountPath');
    expect(mergeInfoFor('', 'Pod')(['status', 'conditions'])?.key).toBe('type');
  });
});

describe('strategicMergePatch', () => {
  it('applies the patch kubectl apply sends when an image changes and a container is removed', () => {
    const patch = {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' } },
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'web' }],
            containers: [{ image: 'nginx:1.27', name: 'web' }, { $patch: 'delete', name: 'sidecar' }],
          },
        },
      },
    };
    const out = sm(deployment(), patch);
    expect(out.spec.template.spec.containers).toEqual([
      { name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] },
    ]);
    expect(out.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' });
    expect(out.metadata.labels).toEqual({ app: 'web', tier: 'fe' });
  });

  it('never mutates its inputs', () => {
    const o = deployment();
    const p = { spec: { template: { spec: { containers: [{ name: 'web', image: 'x' }, { $patch: 'delete', name: 'sidecar' }] } } } };
    const oc = structuredClone(o);
    const pc = structuredClone(p);
    sm(o, p);
    expect(o).toEqual(oc);
    expect(p).toEqual(pc);
  });

  it('merges kubectl set image into the named container only', () => {
    const out = sm(deployment(), { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox:2' }] } } } });
    expect(out.spec.template.spec.containers.map((c: any) => `${c.name}=${c.image}`)).toEqual(['web=nginx:1.25', 'sidecar=busybox:2']);
  });

  it('deletes a label with null (kubectl label x-)', () => {
    const out = sm(deployment(), { metadata: { labels: { tier: null } } });
    expect(out.metadata.labels).toEqual({ app: 'web' });
  });

  it('puts elements new to a keyed list first, as upstream mergeSortedSlice does', () => {
    const out = sm(deployment(), {
      spec: { template: { spec: { containers: [{ name: 'new', image: 'redis' }, { name: 'web', image: 'nginx:2' }] } } },
    });
    expect(out.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['new', 'web', 'sidecar']);
  });

  it('interleaves live-only items by $setElementOrder (upstream "merge lists of maps" case)', () => {
    const cur = { metadata: { ownerReferences: [{ uid: '1', other: 'a' }, { uid: '2', value: 2, other: 'b' }] } };
    const patch = {
      metadata: {
        '$setElementOrder/ownerReferences': [{ uid: '4' }, { uid: '1' }, { uid: '2' }, { uid: '3' }],
        ownerReferences: [{ uid: '4', value: 4 }, { uid: '3', value: 3 }],
      },
    };
    expect(strategicMergePatch(cur, patch, '', 'ConfigMap').metadata.ownerReferences).toEqual([
      { uid: '4', value: 4 },
      { uid: '1', other: 'a' },
      { uid: '2', value: 2, other: 'b' },
      { uid: '3', value: 3 },
    ]);
  });

  it('orders by $setElementOrder', () => {
    const out = sm(deployment(), {
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'web' }], containers: [{ name: 'web', image: 'n' }] } } },
    });
    expect(out.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['sidecar', 'web']);
  });

  it('merges nested keyed lists (env by name, ports by containerPort)', () => {
    const out = sm(deployment(), {
      spec: { template: { spec: { containers: [{ name: 'web', env: [{ name: 'B', value: '2' }], ports: [{ containerPort: 80, name: 'http' }] }] } } },
    });
    const web = out.spec.template.spec.containers[0];
    expect(web.env).toEqual([{ name: 'B', value: '2' }, { name: 'A', value: '1' }]);
    expect(web.ports).toEqual([{ containerPort: 80, name: 'http' }]);
  });

  it('replaces lists without a patch strategy (tolerations, command)', () => {
    const out = sm(deployment(), {
      spec: { template: { spec: { tolerations: [{ key: 'y', operator: 'Exists' }], containers: [{ name: 'sidecar', command: ['true'] }] } } },
    });
    expect(out.spec.template.spec.tolerations).toEqual([{ key: 'y', operator: 'Exists' }]);
    expect(out.spec.template.spec.containers[1].command).toEqual(['true']);
  });

  it('merges primitive lists with merge strategy as sets and deletes with $deleteFromPrimitiveList', () => {
    const out = sm(deployment(), { metadata: { finalizers: ['b', 'c'], '$deleteFromPrimitiveList/finalizers': ['a'] } });
    expect(out.metadata.finalizers).toEqual(['b', 'c']);
  });

  it('honours $retainKeys on spec.strategy (switching to Recreate)', () => {
    const out = sm(deployment(), { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } });
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('rejects a field present in the patch but missing from $retainKeys', () => {
    expect(() => sm(deployment(), { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: {} } } })).toThrow(
      'invalid patch format of retainKeys',
    );
  });

  it('$patch: replace on a map replaces it, $patch: delete empties it', () => {
    const out = sm(deployment(), { metadata: { labels: { $patch: 'replace', only: 'me' } } });
    expect(out.metadata.labels).toEqual({ only: 'me' });
    const out2 = sm(deployment(), { spec: { strategy: { $patch: 'delete' } } });
    expect(out2.spec.strategy).toEqual({});
  });

  it('$patch: replace as a list element replaces the list', () => {
    const out = sm(deployment(), { spec: { template: { spec: { containers: [{ name: 'solo', image: 'x' }, { $patch: 'replace' }] } } } });
    expect(out.spec.template.spec.containers).toEqual([{ name: 'solo', image: 'x' }]);
  });

  it('refuses $patch: merge on a map with upstream wording', () => {
    expect(() => sm(deployment(), { metadata: { labels: { $patch: 'merge', a: 'b' } } })).toThrow('unknown patch type: merge in map: map[$patch:merge a:b]');
  });

  it('reports a list element without its merge key like upstream (500)', () => {
    try {
      sm(deployment(), { spec: { template: { spec: { containers: [{ image: 'nginx' }] } } } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PatchError);
      expect((e as PatchError).message).toBe('map: map[image:nginx] does not contain declared merge key: name');
      expect((e as PatchError).status).toBe(500);
    }
  });

  it('rejects a malformed $deleteFromPrimitiveList key with 400', () => {
    try {
      sm(deployment(), { metadata: { $deleteFromPrimitiveList: ['a'] } });
      expect.unreachable();
    } catch (e) {
      expect((e as PatchError).message).toBe('invalid patch format of primitive list');
      expect((e as PatchError).status).toBe(400);
    }
  });

  it('rejects a patch list that disagrees with $setElementOrder', () => {
    expect(() =>
      sm(deployment(), { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'web' }], containers: [{ name: 'other', image: 'x' }] } } } }),
    ).toThrow(/^The order in patch list:/);
  });

  it('rejects lists of lists with 422', () => {
    try {
      strategicMergePatch({ metadata: { finalizers: [['a']] } }, { metadata: { finalizers: [['b']] } }, '', 'ConfigMap');
      expect.unreachable();
    } catch (e) {
      expect((e as PatchError).message).toBe('lists of lists are not supported');
      expect((e as PatchError).status).toBe(422);
    }
  });

  it('treats a PodDisruptionBudget selector as replace', () => {
    const out = strategicMergePatch(
      { spec: { selector: { matchLabels: { a: 'b' } } } },
      { spec: { selector: { matchExpressions: [{ key: 'x', operator: 'Exists' }] } } },
      'policy',
      'PodDisruptionBudget',
    );
    expect(out.spec.selector).toEqual({ matchExpressions: [{ key: 'x', operator: 'Exists' }] });
  });

  it('merges Service ports by port and ownerReferences by uid', () => {
    const svc = { metadata: { ownerReferences: [{ uid: '1', name: 'a' }] }, spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } };
    const out = strategicMergePatch(svc, { metadata: { ownerReferences: [{ uid: '2', name: 'b' }] }, spec: { ports: [{ port: 80, targetPort: 9090 }] } }, '', 'Service');
    expect(out.spec.ports).toEqual([{ port: 80, targetPort: 9090 }, { port: 443 }]);
    expect(out.metadata.ownerReferences.map((r: any) => r.uid)).toEqual(['2', '1']);
  });

  it('takes added values whole, dropping nulls and directives inside them', () => {
    const out = sm({ metadata: { name: 'x' } }, { spec: { replicas: 3, paused: null, template: { metadata: { labels: { a: 'b', c: null } } } } });
    expect(out.spec).toEqual({ replicas: 3, template: { metadata: { labels: { a: 'b' } } } });
  });

  it('rejects a patch that is not an object', () => {
    expect(() => sm(deployment(), [1, 2])).toThrow('invalid JSON document');
  });
});
