/// <reference types="vite/client" />
import { describe, it, expect } from 'vitest';
import protobuf from 'protobufjs/minimal.js';
import {
  decodeKubernetesProtobuf,
  isKubernetesProtobuf,
  ProtobufDecodeError,
  UnsupportedProtobufKind,
} from '../../src/apiserver/codecs/protobuf.js';

// Fixtures: what kubectl 1.33 (protobuf) and kubectl 1.31 (JSON) POST for the same command,
// recorded by test/fixtures/protobuf/record.mjs against a fake API server.
// (Loaded through Vite's import.meta.glob: the unit project has no Node typings.)
const files: Record<string, string> = import.meta.glob(['../fixtures/protobuf/*.pb.b64', '../fixtures/protobuf/*.json'], {
  query: '?raw', import: 'default', eager: true,
});
const fixture = (file: string): string => {
  const text = files[`../fixtures/protobuf/${file}`];
  if (text === undefined) throw new Error(`no fixture ${file}`);
  return text;
};
const pb = (name: string) => Uint8Array.from(atob(fixture(`${name}.pb.b64`).trim()), (c) => c.charCodeAt(0));
const json = (file: string) => JSON.parse(fixture(file));
const captured = Object.keys(files)
  .filter((f) => f.endsWith('.pb.b64'))
  .map((f) => f.slice('../fixtures/protobuf/'.length, -'.pb.b64'.length));

/** Wraps `raw` in the `k8s\0` + runtime.Unknown envelope, as the apiserver's protobuf serializer does. */
function envelope(apiVersion: string, kind: string, raw: Uint8Array, contentEncoding = ''): Uint8Array {
  const w = protobuf.Writer.create();
  w.uint32((1 << 3) | 2).fork().uint32((1 << 3) | 2).string(apiVersion).uint32((2 << 3) | 2).string(kind).ldelim();
  w.uint32((2 << 3) | 2).bytes(raw);
  if (contentEncoding) w.uint32((3 << 3) | 2).string(contentEncoding);
  w.uint32((4 << 3) | 2).string('');
  const body = w.finish();
  const out = new Uint8Array(4 + body.length);
  out.set([0x6b, 0x38, 0x73, 0x00]);
  out.set(body, 4);
  return out;
}

/** The `raw` bytes inside a fixture's envelope. */
function rawOf(bytes: Uint8Array): Uint8Array {
  const r = protobuf.Reader.create(bytes.subarray(4));
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag === ((2 << 3) | 2)) return r.bytes();
    r.skipType(tag & 7);
  }
  throw new Error('no raw');
}

type W = protobuf.Writer;
const msg = (w: W, num: number, build: (w: W) => void) => {
  w.uint32((num << 3) | 2).fork();
  build(w);
  w.ldelim();
};
const str = (w: W, num: number, s: string) => w.uint32((num << 3) | 2).string(s);
const varint = (w: W, num: number, n: number) => w.uint32(num << 3).int64(n);

describe('isKubernetesProtobuf', () => {
  it('recognises the k8s\\0 magic prefix of a captured kubectl body', () => {
    expect(isKubernetesProtobuf(pb('configmap'))).toBe(true);
  });
  it('rejects JSON and short bodies', () => {
    expect(isKubernetesProtobuf(new TextEncoder().encode('{"kind":"ConfigMap"}'))).toBe(false);
    expect(isKubernetesProtobuf(new Uint8Array([0x6b, 0x38, 0x73]))).toBe(false);
  });
});

describe('decoding what kubectl 1.33 sends gives what kubectl 1.31 sends as JSON', () => {
  it('has fixtures for every recorded command', () => {
    expect(captured.length).toBeGreaterThanOrEqual(25);
  });
  for (const name of captured) {
    it(name, () => {
      expect(decodeKubernetesProtobuf(pb(name))).toStrictEqual(json(`${name}.json`));
    });
  }
});

describe('decoded fields', () => {
  it('writes Secret data as base64 strings', () => {
    expect(decodeKubernetesProtobuf(pb('secret')).data).toEqual({ p: 'cQ==' });
  });

  it('writes IntOrString as a number or a string', () => {
    expect(decodeKubernetesProtobuf(pb('service')).spec.ports[0].targetPort).toBe(8080);
    expect(decodeKubernetesProtobuf(pb('service-nodeport')).spec.ports[0].targetPort).toBe('http');
    expect(decodeKubernetesProtobuf(pb('pdb-percent')).spec.maxUnavailable).toBe('50%');
  });

  it('writes Quantity maps as strings', () => {
    expect(decodeKubernetesProtobuf(pb('quota')).spec.hard).toEqual({ pods: '2', 'requests.cpu': '500m', memory: '1Gi' });
  });

  it('keeps the autoscale target when kubectl 1.33 switches to autoscaling/v2', () => {
    const v2 = decodeKubernetesProtobuf(pb('hpa'));
    const v1 = json('hpa.autoscaling-v1.json');
    expect(v2.apiVersion).toBe('autoscaling/v2');
    expect(v2.spec.metrics[0].resource.target.averageUtilization).toBe(v1.spec.targetCPUUtilizationPercentage);
    expect(v2.spec.scaleTargetRef).toEqual(v1.spec.scaleTargetRef);
  });

  it('writes Go zero values like the JSON codec: non-pointer structs as {}, zero Time and nil slices as null', () => {
    expect(decodeKubernetesProtobuf(envelope('v1', 'Pod', new Uint8Array(0)))).toStrictEqual({
      kind: 'Pod', apiVersion: 'v1',
      metadata: { creationTimestamp: null },
      spec: { containers: null },
      status: {},
    });
  });

  it('formats Time as RFC3339 seconds and MicroTime with microseconds, in UTC', () => {
    const w = protobuf.Writer.create();
    msg(w, 1, (m) => {
      str(m, 1, 'e1');
      msg(m, 8, (t) => varint(t, 1, 1714979289)); // creationTimestamp
      msg(m, 17, (f) => { // managedFields[0]
        str(f, 1, 'kubectl');
        msg(f, 4, (t) => { varint(t, 1, 1714979289); varint(t, 2, 5); });
        str(f, 6, 'FieldsV1');
        msg(f, 7, (fv) => fv.uint32((1 << 3) | 2).bytes(new TextEncoder().encode('{"f:data":{}}')));
      });
    });
    msg(w, 6, (t) => varint(t, 1, 0)); // firstTimestamp: the Unix epoch, not the zero time
    msg(w, 10, (t) => { varint(t, 1, 1714979289); varint(t, 2, 123456789); }); // eventTime
    str(w, 14, 'kubelet');
    const ev = decodeKubernetesProtobuf(envelope('v1', 'Event', w.finish()));
    expect(ev.metadata).toEqual({
      name: 'e1',
      creationTimestamp: '2024-05-06T07:08:09Z',
      managedFields: [{ manager: 'kubectl', time: '2024-05-06T07:08:09Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } }],
    });
    expect(ev.firstTimestamp).toBe('1970-01-01T00:00:00Z');
    expect(ev.lastTimestamp).toBeNull();
    expect(ev.eventTime).toBe('2024-05-06T07:08:09.123456Z');
    expect(ev.reportingComponent).toBe('kubelet');
    expect(ev.reportingInstance).toBe('');
    expect(ev.involvedObject).toEqual({});
  });

  it('reads repeated integers both packed and unpacked', () => {
    const podWith = (packed: boolean) => {
      const w = protobuf.Writer.create();
      msg(w, 2, (spec) => msg(spec, 14, (sc) => {
        if (packed) { sc.uint32((4 << 3) | 2).fork(); sc.int64(4000).int64(5000); sc.ldelim(); }
        else { varint(sc, 4, 4000); varint(sc, 4, 5000); }
      }));
      return decodeKubernetesProtobuf(envelope('v1', 'Pod', w.finish())).spec.securityContext;
    };
    expect(podWith(true)).toEqual({ supplementalGroups: [4000, 5000] });
    expect(podWith(false)).toEqual({ supplementalGroups: [4000, 5000] });
  });

  it('writes map<string, ExtraValue> values as string arrays', () => {
    const w = protobuf.Writer.create();
    msg(w, 2, (spec) => {
      str(spec, 3, 'bob');
      msg(spec, 5, (e) => { str(e, 1, 'scopes'); msg(e, 2, (v) => { str(v, 1, 'a'); str(v, 1, 'b'); }); });
    });
    const sar = decodeKubernetesProtobuf(envelope('authorization.k8s.io/v1', 'SubjectAccessReview', w.finish()));
    expect(sar.spec).toEqual({ user: 'bob', extra: { scopes: ['a', 'b'] } });
  });

  it('reads DeleteOptions typed with the version of the deleted resource (client-go 1.35, helm 4)', () => {
    const w = protobuf.Writer.create();
    w.uint32((1 << 3) | 0).int64(0);
    str(w, 4, 'Background');
    str(w, 5, 'All');
    expect(decodeKubernetesProtobuf(envelope('v1', 'DeleteOptions', w.finish()))).toStrictEqual({
      kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0, propagationPolicy: 'Background', dryRun: ['All'],
    });
    expect(decodeKubernetesProtobuf(envelope('apps/v1', 'DeleteOptions', new Uint8Array(0)))).toStrictEqual({ kind: 'DeleteOptions', apiVersion: 'apps/v1' });
  });

  it('skips field numbers it does not know, as newer clients may send them', () => {
    const raw = rawOf(pb('configmap'));
    const w = protobuf.Writer.create();
    w.uint32((99 << 3) | 0).uint32(7).uint32((98 << 3) | 2).string('future');
    const extended = new Uint8Array([...raw, ...w.finish()]);
    expect(decodeKubernetesProtobuf(envelope('v1', 'ConfigMap', extended))).toStrictEqual(json('configmap.json'));
  });
});

describe('errors', () => {
  it('throws UnsupportedProtobufKind carrying the apiVersion and kind it does not know', () => {
    const body = envelope('apiextensions.k8s.io/v1', 'CustomResourceDefinition', new Uint8Array(0));
    let err: unknown;
    try {
      decodeKubernetesProtobuf(body);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnsupportedProtobufKind);
    expect(err).toBeInstanceOf(Error);
    expect((err as UnsupportedProtobufKind).apiVersion).toBe('apiextensions.k8s.io/v1');
    expect((err as UnsupportedProtobufKind).kind).toBe('CustomResourceDefinition');
  });

  it('treats an unknown kind in a known group as unsupported too', () => {
    expect(() => decodeKubernetesProtobuf(envelope('v1', 'Node', new Uint8Array(0)))).toThrow(UnsupportedProtobufKind);
  });

  it('throws ProtobufDecodeError for a truncated body', () => {
    const body = pb('deployment');
    expect(() => decodeKubernetesProtobuf(body.subarray(0, body.length - 20))).toThrow(ProtobufDecodeError);
  });

  it('throws ProtobufDecodeError for a body without the magic prefix', () => {
    expect(() => decodeKubernetesProtobuf(new TextEncoder().encode('{}'))).toThrow(ProtobufDecodeError);
  });

  it('throws ProtobufDecodeError for a field sent with the wrong wire type', () => {
    const w = protobuf.Writer.create();
    msg(w, 1, (m) => varint(m, 1, 5)); // metadata.name as a varint
    expect(() => decodeKubernetesProtobuf(envelope('v1', 'ConfigMap', w.finish()))).toThrow(ProtobufDecodeError);
  });

  it('refuses a compressed (contentEncoding) payload', () => {
    expect(() => decodeKubernetesProtobuf(envelope('v1', 'ConfigMap', new Uint8Array(0), 'gzip'))).toThrow(/content encoding/);
  });
});
