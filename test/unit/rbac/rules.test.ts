import { describe, expect, it } from 'vitest';
import { nonResourceURLMatches, resourceMatches, ruleAllows } from '../../../src/rbac/rules';

describe('RBAC rule matching (evaluation_helpers.go)', () => {
  it('a resource does not cover its subresources; */sub covers any resource’s sub', () => {
    expect(resourceMatches({ verbs: ['get'], resources: ['pods'] }, 'pods', 'log')).toBe(false);
    expect(resourceMatches({ verbs: ['get'], resources: ['pods/log'] }, 'pods', 'log')).toBe(true);
    expect(resourceMatches({ verbs: ['get'], resources: ['*/scale'] }, 'deployments', 'scale')).toBe(true);
    expect(resourceMatches({ verbs: ['get'], resources: ['*/scale'] }, 'deployments')).toBe(false);
    expect(resourceMatches({ verbs: ['get'], resources: ['*'] }, 'pods', 'exec')).toBe(true);
  });

  it('resourceNames restrict to those names, and never match a list (no name)', () => {
    const rule = { verbs: ['get', 'list'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] };
    expect(ruleAllows({ verb: 'get', resourceRequest: true, apiGroup: '', resource: 'configmaps', name: 'a' }, rule)).toBe(true);
    expect(ruleAllows({ verb: 'get', resourceRequest: true, apiGroup: '', resource: 'configmaps', name: 'b' }, rule)).toBe(false);
    expect(ruleAllows({ verb: 'list', resourceRequest: true, apiGroup: '', resource: 'configmaps' }, rule)).toBe(false);
  });

  it('API groups must match exactly unless *', () => {
    const rule = { verbs: ['*'], apiGroups: ['apps'], resources: ['deployments'] };
    expect(ruleAllows({ verb: 'delete', resourceRequest: true, apiGroup: 'apps', resource: 'deployments' }, rule)).toBe(true);
    expect(ruleAllows({ verb: 'delete', resourceRequest: true, apiGroup: 'extensions', resource: 'deployments' }, rule)).toBe(false);
  });

  it('non-resource URLs match exactly, or by a trailing * prefix', () => {
    const rule = { verbs: ['get'], nonResourceURLs: ['/api', '/apis/*'] };
    expect(nonResourceURLMatches(rule, '/api')).toBe(true);
    expect(nonResourceURLMatches(rule, '/api/v1')).toBe(false);
    expect(nonResourceURLMatches(rule, '/apis/apps/v1')).toBe(true);
    expect(ruleAllows({ verb: 'post', resourceRequest: false, path: '/api' }, rule)).toBe(false);
  });
});
