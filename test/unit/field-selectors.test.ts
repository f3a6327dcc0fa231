import { describe, it, expect } from 'vitest';
import {
  parseFieldSelector, matchesFields, fieldsOf, supportedFields, validateFieldSelector, fieldSelectorToString, requiresExactMatch, SelectorError, validateCustomFieldSelector, customFieldsOf,
} from '../../src/apiserver/selectors/fields.js';

const msg = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SelectorError);
    return (e as Error).message;
  }
  throw new Error('expected a SelectorError');
};

const pod = {
  metadata: { name: 'web-1', namespace: 'default' },
  spec: { nodeName: 'node-a', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default' },
  status: { phase: 'Running', podIPs: [{ ip: '10.0.0.5' }] },
};

describe('parseFieldSelector', () => {
  it('parses =, == and != terms joined by commas', () => {
    const s = parseFieldSelector('status.phase!=Failed,spec.nodeName==node-a,metadata.name=web-1');
    expect(fieldSelectorToString(s)).toBe('metadata.name=web-1,spec.nodeName=node-a,status.phase!=Failed');
    expect(requiresExactMatch(s, 'spec.nodeName')).toBe('node-a');
  });
  it('unescapes \\, \\= and \\\\ in values', () => {
    const s = parseFieldSelector('metadata.name=a\\,b\\=c\\\\d');
    expect(s[0].value).toBe('a,b=c\\d');
    expect(fieldSelectorToString(s)).toBe('metadata.name=a\\,b\\=c\\\\d');
  });
  it('reports malformed selectors with upstream wording', () => {
    expect(msg(() => parseFieldSelector('foo'))).toBe("invalid selector: 'foo'; can't understand 'foo'");
    expect(msg(() => parseFieldSelector('a=b\\x'))).toBe('invalid field selector: invalid escape sequence: \\x');
    expect(msg(() => parseFieldSelector('a=b=c'))).toBe('invalid field selector: unescaped character in value: 61');
  });
});

describe('fieldsOf / matchesFields', () => {
  it('exposes pod fields as upstream does', () => {
    const f = fieldsOf('pods', pod);
    expect(f['spec.nodeName']).toBe('node-a');
    expect(f['status.podIP']).toBe('10.0.0.5');
    expect(f['spec.hostNetwork']).toBe('false');
    expect(matchesFields(parseFieldSelector('spec.nodeName=node-a,status.phase=Running'), f)).toBe(true);
    expect(matchesFields(parseFieldSelector('status.phase!=Running'), f)).toBe(false);
  });
  it('exposes event and secret fields', () => {
    const ev = { metadata: { name: 'e', namespace: 'd' }, involvedObject: { kind: 'Pod', name: 'web-1' }, reason: 'Started', source: { component: 'kubelet' }, type: 'Normal' };
    const f = fieldsOf('events', ev);
    expect(f['involvedObject.name']).toBe('web-1');
    expect(f.source).toBe('kubelet');
    expect(fieldsOf('secrets', { metadata: { name: 's' }, type: 'Opaque' }).type).toBe('Opaque');
  });
  it('gives only metadata fields for other resources', () => {
    expect(Object.keys(fieldsOf('configmaps', { metadata: { name: 'c', namespace: 'n' } }))).toEqual(['metadata.name', 'metadata.namespace']);
  });
});

describe('validateFieldSelector', () => {
  it('refuses unsupported fields with upstream messages', () => {
    expect(msg(() => validateFieldSelector('pods', parseFieldSelector('foo=bar')))).toBe('field label not supported: foo');
    expect(msg(() => validateFieldSelector('configmaps', parseFieldSelector('data.x=1')))).toBe(
      '"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(msg(() => validateFieldSelector('nodes', parseFieldSelector('metadata.namespace=x')))).toBe('field label not supported: metadata.namespace');
  });
  it('accepts supported fields and rewrites spec.host on pods', () => {
    expect(supportedFields('secrets')).toContain('type');
    expect(validateFieldSelector('pods', parseFieldSelector('spec.host=n'))[0].field).toBe('spec.nodeName');
  });
});

describe('custom resources\' selectableFields', () => {
  it('accepts the declared paths and metadata, refusing others as apiextensions-apiserver does', () => {
    const sel = parseFieldSelector('spec.color=red,metadata.name!=x');
    expect(validateCustomFieldSelector(['spec.color'], sel)).toBe(sel);
    expect(() => validateCustomFieldSelector(['spec.color'], parseFieldSelector('spec.colour=red'))).toThrow('field label not supported: spec.colour');
  });

  it('reads strings, integers and booleans as text, and absent fields as empty', () => {
    const obj = { metadata: { name: 'a', namespace: 'ns' }, spec: { color: 'red', litres: 5, glossy: true, mix: { a: 1 } } };
    expect(customFieldsOf(['spec.color', 'spec.litres', 'spec.glossy', 'spec.mix', 'spec.none'], obj)).toEqual({
      'metadata.name': 'a', 'metadata.namespace': 'ns', 'spec.color': 'red', 'spec.litres': '5', 'spec.glossy': 'true', 'spec.mix': '', 'spec.none': '',
    });
  });
});
