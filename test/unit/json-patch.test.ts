import { describe, it, expect } from 'vitest';
import { applyJsonPatch, jsonMergePatch, PatchError } from '../../src/apiserver/patch/strategic-merge.js';

const deploy = () => ({
  metadata: { name: 'web', labels: { app: 'web', tier: 'fe' }, annotations: { 'deployment.kubernetes.io/revision': '3' } },
  spec: { replicas: 2, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:3' }] } } },
});

function err(f: () => unknown): PatchError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PatchError);
    return e as PatchError;
  }
  throw new Error('expected a PatchError');
}

describe('applyJsonPatch', () => {
  it("applies kubectl rollout undo's patch (replace template and annotations)", () => {
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:2' }] } };
    const ops = [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '2' } },
    ];
    const out = applyJsonPatch(deploy(), ops);
    expect(out.spec.template.spec.containers[0].image).toBe('nginx:2');
    expect(out.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '2' });
  });

  it('does not mutate the original or the operations', () => {
    const o = deploy();
    const ops = [{ op: 'add', path: '/metadata/labels/x', value: { deep: 1 } }];
    const out = applyJsonPatch(o, ops);
    out.metadata.labels.x.deep = 2;
    expect(o.metadata.labels).toEqual({ app: 'web', tier: 'fe' });
    expect(ops[0].value).toEqual({ deep: 1 });
  });

  it('supports add/remove/move/copy/test and escaped tokens', () => {
    const out = applyJsonPatch(deploy(), [
      { op: 'add', path: '/metadata/annotations/a~1b', value: 'x' },
      { op: 'test', path: '/metadata/annotations/a~1b', value: 'x' },
      { op: 'copy', from: '/metadata/labels/app', path: '/metadata/labels/copy' },
      { op: 'move', from: '/metadata/labels/tier', path: '/metadata/labels/moved' },
      { op: 'remove', path: '/spec/replicas' },
      { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'b' } },
      { op: 'add', path: '/spec/template/spec/containers/0', value: { name: 'a' } },
    ]);
    expect(out.metadata.annotations['a/b']).toBe('x');
    expect(out.metadata.labels).toEqual({ app: 'web', copy: 'web', moved: 'fe' });
    expect(out.spec.replicas).toBeUndefined();
    expect(out.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['a', 'web', 'b']);
  });

  it('replace of a missing object key sets it, as evanphx/json-patch v4 does', () => {
    expect(applyJsonPatch(deploy(), [{ op: 'replace', path: '/spec/paused', value: true }]).spec.paused).toBe(true);
  });

  it('accepts negative array indices like v4', () => {
    const out = applyJsonPatch(deploy(), [{ op: 'replace', path: '/spec/template/spec/containers/-1/image', value: 'x' }]);
    expect(out.spec.template.spec.containers[0].image).toBe('x');
  });

  it('reports a failing test op with v4 wording (422)', () => {
    const e = err(() => applyJsonPatch(deploy(), [{ op: 'test', path: '/metadata/name', value: 'other' }]));
    expect(e.message).toBe('testing value /metadata/name failed: test failed');
    expect(e.status).toBe(422);
  });

  it('reports missing paths and keys with v4 wording', () => {
    expect(err(() => applyJsonPatch(deploy(), [{ op: 'replace', path: '/spec/foo/bar', value: 1 }])).message).toBe(
      'replace operation does not apply: doc is missing path: /spec/foo/bar: missing value',
    );
    expect(err(() => applyJsonPatch(deploy(), [{ op: 'replace', path: '/spec/template/spec/containers/5', value: 1 }])).message).toBe(
      'replace operation does not apply: doc is missing key: /spec/template/spec/containers/5: missing value',
    );
    expect(err(() => applyJsonPatch(deploy(), [{ op: 'remove', path: '/metadata/labels/nope' }])).message).toBe(
      "error in remove for path: '/metadata/labels/nope': Unable to remove nonexistent key: nope: missing value",
    );
    expect(err(() => applyJsonPatch(deploy(), [{ op: 'add', path: '/nope/x', value: 1 }])).message).toBe(
      'add operation does not apply: doc is missing path: "/nope/x": missing value',
    );
    expect(err(() => applyJsonPatch(deploy(), [{ op: 'add', path: '/spec/template/spec/containers/9', value: 1 }])).message).toBe(
      "error in add for path: '/spec/template/spec/containers/9': Unable to access invalid index: 9: invalid index referenced",
    );
    expect(err(() => applyJsonPatch(deploy(), [{ op: 'frob', path: '/a' }])).message).toBe('Unexpected kind: frob');
  });

  it('refuses more than 10000 operations with tooLarge (413)', () => {
    const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/metadata/name', value: 'web' }));
    const e = err(() => applyJsonPatch(deploy(), ops));
    expect(e.tooLarge).toBe(true);
    expect(e.status).toBe(413);
    expect(e.message).toBe('The allowed maximum operations in a JSON patch is 10000, got 10001');
    expect(() => applyJsonPatch(deploy(), ops.slice(0, 10000))).not.toThrow();
  });

  it('refuses a body that is not a list of operations (400)', () => {
    const e = err(() => applyJsonPatch(deploy(), { op: 'add' }));
    expect(e.status).toBe(400);
    expect(e.message).toBe('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  });
});

describe('jsonMergePatch', () => {
  it('deletes a label with null (kubectl label x-)', () => {
    const out = jsonMergePatch(deploy(), { metadata: { labels: { tier: null } } });
    expect(out.metadata.labels).toEqual({ app: 'web' });
  });

  it('replaces lists whole and merges objects, pruning nulls from added objects', () => {
    const out = jsonMergePatch(deploy(), {
      spec: { template: { spec: { containers: [{ name: 'x' }] } }, selector: { matchLabels: { a: 'b', c: null } } },
    });
    expect(out.spec.template.spec.containers).toEqual([{ name: 'x' }]);
    expect(out.spec.selector).toEqual({ matchLabels: { a: 'b' } });
    expect(out.spec.replicas).toBe(2);
  });

  it('does not mutate its inputs', () => {
    const o = deploy();
    const p = { metadata: { labels: { tier: null, n: 'v' } } };
    jsonMergePatch(o, p);
    expect(o.metadata.labels).toEqual({ app: 'web', tier: 'fe' });
    expect(p.metadata.labels).toEqual({ tier: null, n: 'v' });
  });

  it('refuses a patch that is not an object', () => {
    expect(() => jsonMergePatch(deploy(), null)).toThrow('Invalid JSON Patch');
  });
});
