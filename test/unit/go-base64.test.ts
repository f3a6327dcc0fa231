import { describe, it, expect } from 'vitest';
import { base64ErrorOffset } from '../../src/apiserver/codecs/go-base64';

describe('Go base64 strictness', () => {
  it('accepts what StdEncoding decodes', () => {
    for (const s of ['', 'ZXhhbXBsZQ==', 'bXlwYXNzd29yZA==', 'YWRtaW4=', 'YWJj']) expect(base64ErrorOffset(s)).toBeUndefined();
  });
  it('names the first offending byte as Go does', () => {
    expect(base64ErrorOffset('not base64!')).toBe(3);
    expect(base64ErrorOffset('YWJ')).toBe(3);
    expect(base64ErrorOffset('Y===')).toBe(1);
  });
});
