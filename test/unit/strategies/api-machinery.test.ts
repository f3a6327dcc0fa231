import { describe, it, expect } from 'vitest';
import { created, createErrors, updated } from './helpers';
import type { KubeObject } from '../../../src/apiserver/types';

const pc = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, ...extra });
const PC = 'priorityclasses.scheduling.k8s.io';

describe('priorityclass', () => {
  it('defaults preemptionPolicy and a missing value', () => {
    const o = created(PC, pc('high'));
    expect([o.value, o.preemptionPolicy, o.metadata.generation]).toEqual([0, 'PreemptLowerPriority', 1]);
  });

  it('reserves the system- prefix for the known system classes, with their values', () => {
    expect(createErrors(PC, pc('system-mine', { value: 5 }))).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
    ]);
    expect(createErrors(PC, pc('system-node-critical', { value: 7 }))).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000",
    ]);
    expect(createErrors(PC, pc('system-node-critical', { value: 2000001000 }))).toEqual([]);
  });

  it('caps user-defined values at one billion', () => {
    expect(createErrors(PC, pc('big', { value: 1000000001 }))).toEqual(['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']);
    expect(createErrors(PC, pc('big', { value: 1000000000 }))).toEqual([]);
  });

  it('refuses a change of value or preemptionPolicy', () => {
    const old = created(PC, pc('high', { value: 10 })) as KubeObject;
    expect(updated(PC, pc('high', { value: 11 }), old).errors).toEqual(['value: Forbidden: may not be changed in an update.']);
    expect(updated(PC, pc('high', { value: 10, preemptionPolicy: 'Never' }), old).errors).toEqual(['preemptionPolicy: Invalid value: "Never": field is immutable']);
    expect(updated(PC, pc('high', { value: 10, description: 'now described' }), old).errors).toEqual([]);
  });
});

describe('runtimeclass', () => {
  const RC = 'runtimeclasses.node.k8s.io';
  const rc = (handler?: string) => ({ metadata: { name: 'gvisor' }, ...(handler === undefined ? {} : { handler }) });
  it('requires a DNS-label handler that never changes', () => {
    expect(createErrors(RC, rc())).toEqual(['handler: Required value']);
    expect(createErrors(RC, rc('Run_SC'))[0]).toMatch(/^handler: Invalid value: "Run_SC": a lowercase RFC 1123 label must consist of/);
    expect(updated(RC, rc('kata'), created(RC, rc('runsc'))).errors).toEqual(['handler: Invalid value: "kata": field is immutable']);
  });
});

describe('servicecidr and ipaddress', () => {
  const SC = 'servicecidrs.networking.k8s.io';
  const IP = 'ipaddresses.networking.k8s.io';
  it('validates the CIDRs of a ServiceCIDR and keeps them', () => {
    expect(createErrors(SC, { metadata: { name: 'extra' }, spec: { cidrs: ['10.0.0.0/33'] } })).toEqual([
      'spec.cidrs[0]: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ]);
    expect(createErrors(SC, { metadata: { name: 'extra' }, spec: {} })).toEqual(['spec.cidrs: Required value']);
    const old = created(SC, { metadata: { name: 'extra' }, spec: { cidrs: ['10.0.0.0/24'] } });
    expect(updated(SC, { metadata: { name: 'extra' }, spec: { cidrs: ['10.0.1.0/24'] } }, old).errors).toEqual([
      'spec.cidrs: Invalid value: ["10.0.1.0/24"]: field is immutable',
    ]);
  });

  it('names an IPAddress by its address and requires its parent', () => {
    expect(createErrors(IP, { metadata: { name: 'not-an-ip' }, spec: { parentRef: { resource: 'services', name: 'x' } } })).toEqual([
      'metadata.name: Invalid value: "not-an-ip": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
    expect(createErrors(IP, { metadata: { name: '10.96.0.20' }, spec: {} })).toEqual(['spec.parentRef: Required value: must have a parent reference']);
  });
});

describe('stored kinds with a status', () => {
  it('starts a FlowSchema with an empty status and generation 1, and bumps it on a spec change', () => {
    const FS = 'flowschemas.flowcontrol.apiserver.k8s.io';
    const fs = created(FS, { metadata: { name: 'mine' }, spec: { matchingPrecedence: 500 }, status: { conditions: [{ type: 'Dangling' }] } });
    expect([fs.status, fs.metadata.generation]).toEqual([{}, 1]);
    expect(updated(FS, { metadata: { name: 'mine' }, spec: { matchingPrecedence: 600 } }, fs).obj.metadata.generation).toBe(2);
  });

  it('marks a local APIService Available, one backed by a Service not yet', () => {
    const AS = 'apiservices.apiregistration.k8s.io';
    const local = created(AS, { metadata: { name: 'v1.example.io' }, spec: { group: 'example.io', version: 'v1', groupPriorityMinimum: 1000, versionPriority: 15 } });
    expect(local.status.conditions).toMatchObject([{ type: 'Available', status: 'True', reason: 'Local' }]);
    const remote = created(AS, { metadata: { name: 'v1.other.io' }, spec: { service: { namespace: 'x', name: 'y' }, group: 'other.io', version: 'v1' } });
    expect(remote.status).toEqual({});
  });
});
