import { describe, it, expect } from 'vitest';
import { objectLimitExceeded, tooMany } from '../../../src/cluster/limits';
import { resolveLimits, resolveNodes, resolveProfile, DEFAULT_LIMITS } from '../../../src/cluster/settings';
import { isAuthorizationDenial } from '../../../src/cluster/audit';
import { nodeNames } from '../../../src/sim/nodes';

describe('limit refusals', () => {
  it('answers 429 as upstream max-in-flight: Retry-After 1 and details.retryAfterSeconds', () => {
    const e = tooMany();
    expect(e.headers['Retry-After']).toBe('1');
    expect(e.status).toMatchObject({ reason: 'TooManyRequests', message: 'Too many requests, please try again later.', details: { retryAfterSeconds: 1 }, code: 429 });
  });

  it('names the object limit in a quota-style 403', () => {
    const e = objectLimitExceeded({ group: 'apps', resource: 'deployments' }, 'web', 1, 10, 10);
    expect(e.status.message).toBe('deployments.apps "web" is forbidden: exceeded quota: tenant-object-limit, requested: objects=1, used: objects=10, limited: objects=10');
    expect(e.code).toBe(403);
  });
});

describe('tenant settings', () => {
  it('fills absent or invalid limits with the defaults', () => {
    expect(resolveLimits({})).toEqual(DEFAULT_LIMITS);
    expect(resolveLimits({ limits: { objects: 10, requestsPerSecond: -1 } })).toEqual({ ...DEFAULT_LIMITS, objects: 10 });
  });

  it('shapes nodes as one control plane and count-1 workers, bounded', () => {
    expect(nodeNames(resolveNodes({ nodes: { count: 1 } }))).toEqual(['control-plane']);
    expect(nodeNames(resolveNodes({}))).toEqual(['control-plane', 'worker-1', 'worker-2']);
    expect(resolveNodes({ nodes: { count: 500, cpu: '8', memory: '16Gi', pods: 30 } })).toEqual({ workers: 19, cpu: '8', memory: '16Gi', pods: 30 });
  });

  it('takes the profile from the settings, else the Worker default', () => {
    expect(resolveProfile({ profile: 'fast' }, 'realistic')).toBe('fast');
    expect(resolveProfile({}, 'fast')).toBe('fast');
    expect(resolveProfile({}, undefined)).toBe('realistic');
  });
});

describe('audit decision', () => {
  it('tells an authorization denial from an admission refusal', () => {
    expect(isAuthorizationDenial('pods is forbidden: User "student:bob" cannot list resource "pods" in API group "" in the namespace "default"')).toBe(true);
    expect(isAuthorizationDenial('pods "x" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1')).toBe(false);
  });
});
