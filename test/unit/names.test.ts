import { describe, it, expect } from 'vitest';
import {
  isDNS1123Label, isDNS1123Subdomain, isDNS1035Label, isQualifiedName, validateLabels, validateAnnotations, validateQualifiedName,
} from '../../src/apiserver/validation/names.js';
import { errorText } from '../../src/apiserver/field-errors.js';

describe('name validators', () => {
  it('DNS-1123 label: upstream messages, dots called out', () => {
    expect(isDNS1123Label('ok-name')).toEqual([]);
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('Bad')).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(isDNS1123Label('a'.repeat(64))[0]).toBe('must be no more than 63 bytes');
  });
  it('DNS-1123 subdomain', () => {
    expect(isDNS1123Subdomain('a.b-c')).toEqual([]);
    expect(isDNS1123Subdomain('X')).toEqual([
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });
  it('DNS-1035 label', () => {
    expect(isDNS1035Label('1abc')[0]).toMatch(/^a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/);
  });
  it('qualified names', () => {
    expect(isQualifiedName('example.com/my-key')).toEqual([]);
    expect(isQualifiedName('/x')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('a/b/c')[0]).toMatch(/^a valid label key must consist of/);
    expect(isQualifiedName('-bad')[0]).toBe(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
    expect(validateQualifiedName('ok', 'metadata.labels')).toEqual([]);
  });
});

describe('validateLabels / validateAnnotations', () => {
  it('reports a bad label value at the given path with the value quoted', () => {
    const errs = validateLabels({ env: '_bad' }, 'metadata.labels');
    expect(errs.map(errorText)).toEqual([
      `metadata.labels: Invalid value: "_bad": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ]);
  });
  it('reports a bad label key', () => {
    expect(validateLabels({ 'a b': 'x' }, 'metadata.labels')[0].value).toBe('a b');
  });
  it('checks annotation keys case-insensitively and limits the total to 256 KiB', () => {
    expect(validateAnnotations({ 'Example.com/Key': 'v' }, 'metadata.annotations')).toEqual([]);
    const big = validateAnnotations({ k: 'x'.repeat(256 * 1024) }, 'metadata.annotations');
    expect(big.map(errorText)).toEqual(['metadata.annotations: Too long: may not be more than 262144 bytes']);
    expect(validateAnnotations({ k: 'x'.repeat(256 * 1024 - 1) }, 'metadata.annotations')).toEqual([]);
  });
});
