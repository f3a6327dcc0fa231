import { describe, it, expect } from 'vitest';
import { bound, rateLimit, replicasForUtilization, rulesWithDefaults, stabilize, DEFAULT_SCALE_DOWN, DEFAULT_SCALE_UP } from '../../../src/controllers/horizontalpodautoscaler/recommend';
import { loadTarget, withLoad } from '../../../src/sim/load';

const up = DEFAULT_SCALE_UP;
const down = DEFAULT_SCALE_DOWN;

describe('replicas for a utilization', () => {
  it('leaves the count alone within the 10% tolerance', () => {
    expect(replicasForUtilization(3, 3, 54, 50)).toBe(3);
    expect(replicasForUtilization(3, 3, 46, 50)).toBe(3);
  });

  it('scales the ready pods by the usage ratio, rounding up', () => {
    expect(replicasForUtilization(1, 1, 250, 50)).toBe(5);
    expect(replicasForUtilization(4, 4, 20, 50)).toBe(2);
    expect(replicasForUtilization(7, 7, 0, 20)).toBe(0);
  });
});

describe('stabilization windows', () => {
  const now = 1_000_000;
  it('scales down no further than the highest recommendation of the last 5 minutes', () => {
    const history = [{ at: now - 60_000, replicas: 6 }, { at: now - 400_000, replicas: 9 }];
    expect(stabilize(7, 1, history, up, down, now)).toBe(6);
  });

  it('scales down at once with a zero window, as the course sets it', () => {
    const zero = rulesWithDefaults({ stabilizationWindowSeconds: 0 }, DEFAULT_SCALE_DOWN);
    expect(stabilize(7, 1, [{ at: now - 1000, replicas: 7 }], up, zero, now)).toBe(1);
  });

  it('scales up at once by default', () => {
    expect(stabilize(1, 5, [{ at: now - 1000, replicas: 1 }], up, down, now)).toBe(5);
  });
});

describe('scaling policies', () => {
  it('scale up by the larger of 4 pods or 100% per period', () => {
    expect(rateLimit(1, 10, up, down)).toBe(5);
    expect(rateLimit(6, 20, up, down)).toBe(12);
  });

  it('scale down by at most 100% per period by default, and not at all when disabled', () => {
    expect(rateLimit(7, 1, up, down)).toBe(1);
    expect(rateLimit(7, 1, up, { ...down, selectPolicy: 'Disabled' })).toBe(7);
  });

  it('keep within min and max and say which bound limited it', () => {
    expect(bound(12, 1, 10)).toEqual({ replicas: 10, limited: 'TooManyReplicas' });
    expect(bound(0, 1, 10)).toEqual({ replicas: 1, limited: 'TooFewReplicas' });
    expect(bound(4, 1, 10)).toEqual({ replicas: 4 });
  });
});

describe('simulated load', () => {
  it('recognises the course load generator and the Service it calls', () => {
    const gen = { command: ['/bin/sh', '-c', 'while sleep 0.01; do wget -q -O- http://php-apache; done'] };
    expect(loadTarget(gen, 'ns1')).toEqual({ service: 'php-apache', namespace: 'ns1' });
    expect(loadTarget({ command: ['sh', '-c', 'while true; do curl -s http://web.other.svc.cluster.local:8080/; done'] }, 'ns1')).toEqual({ service: 'web', namespace: 'other' });
  });

  it('does not take a single request for load', () => {
    expect(loadTarget({ command: ['wget', '-qO-', 'http://php-apache'] }, 'ns1')).toBeUndefined();
  });

  it('throttles a container at its CPU limit', () => {
    expect(withLoad(1_000_000, 700_000_000, { resources: { limits: { cpu: '500m' } } })).toBe(500_000_000);
    expect(withLoad(1_000_000, 100_000_000, { resources: { limits: { cpu: '500m' } } })).toBe(101_000_000);
  });
});
