import { describe, it, expect } from 'vitest';
import { desiredQuotaStatus } from '../../../src/controllers/resourcequota/controller';
import { nextPodExpiry } from '../../../src/resources/resourcequota/usage';

const now = new Date('2026-01-01T00:01:00Z');
const quota = (hard: Record<string, string>) => ({ metadata: { name: 'q', namespace: 'n' }, spec: { hard } });
const pod = (name: string, cpu: string | undefined, extra: any = {}) => ({
  metadata: { name, namespace: 'n', ...(extra.meta ?? {}) },
  spec: { containers: [{ name: 'c', resources: cpu ? { requests: { cpu }, limits: { cpu } } : {} }] },
  status: { phase: extra.phase ?? 'Running' },
});
const lister = (objs: Record<string, any[]>) => (key: string) => objs[key] ?? [];

describe('resource quota status', () => {
  it('copies hard from the spec and sums used from the namespace', () => {
    const st = desiredQuotaStatus(quota({ pods: '10', 'requests.cpu': '2', 'limits.cpu': '4', configmaps: '5' }), lister({ pods: [pod('a', '500m'), pod('b', '250m')], configmaps: [{ metadata: { name: 'x' } }] }), now);
    expect(st).toEqual({
      hard: { pods: '10', 'requests.cpu': '2', 'limits.cpu': '4', configmaps: '5' },
      used: { configmaps: '1', 'limits.cpu': '750m', pods: '2', 'requests.cpu': '750m' },
    });
  });

  it('reports 0 for tracked resources nothing uses', () => {
    expect(desiredQuotaStatus(quota({ pods: '2', 'requests.memory': '1Gi' }), lister({}), now).used).toEqual({ pods: '0', 'requests.memory': '0' });
  });

  it('releases finished pods and pods past their deletion grace', () => {
    const pods = [
      pod('done', '1', { phase: 'Succeeded' }),
      pod('gone', '1', { meta: { deletionTimestamp: '2026-01-01T00:00:10Z', deletionGracePeriodSeconds: 30 } }),
      pod('going', '1', { meta: { deletionTimestamp: '2026-01-01T00:01:10Z', deletionGracePeriodSeconds: 30 } }),
    ];
    expect(desiredQuotaStatus(quota({ pods: '5', 'count/pods': '5' }), lister({ pods }), now).used).toEqual({ 'count/pods': '3', pods: '1' });
    expect(nextPodExpiry(pods, now)).toBe(Date.parse('2026-01-01T00:01:40Z') + 1);
  });
});
