import { describe, it, expect } from 'vitest';
import { validateListOptions } from '../../../src/apiserver/registry/list-options';
import { StatusError } from '../../../src/apiserver/status';

const refusal = (query: string, watch: boolean) => {
  try {
    validateListOptions(new URLSearchParams(query), watch);
  } catch (e) {
    return (e as StatusError).status;
  }
  return undefined;
};

describe('ListOptions validation', () => {
  it('accepts a watch-list and ordinary lists and watches', () => {
    expect(refusal('sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan', true)).toBeUndefined();
    expect(refusal('resourceVersion=0', true)).toBeUndefined();
    expect(refusal('resourceVersion=10&resourceVersionMatch=NotOlderThan', false)).toBeUndefined();
  });

  it('requires NotOlderThan with sendInitialEvents, as kube-apiserver does', () => {
    const s = refusal('sendInitialEvents=true', true)!;
    expect(s.code).toBe(422);
    expect(s.message).toBe('ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan');
  });

  it('refuses resourceVersionMatch on a watch without sendInitialEvents', () => {
    expect(refusal('resourceVersionMatch=NotOlderThan', true)!.message).toContain('resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided');
  });

  it('refuses sendInitialEvents on a list, and a match without a resourceVersion', () => {
    expect(refusal('sendInitialEvents=false', false)!.message).toContain('sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list');
    expect(refusal('resourceVersionMatch=Exact', false)!.message).toContain('resourceVersionMatch is forbidden unless resourceVersion is provided');
    expect(refusal('resourceVersion=5&resourceVersionMatch=Newest', false)!.message).toContain('resourceVersionMatch: Unsupported value: "Newest": supported values: "Exact", "NotOlderThan", ""');
  });
});
