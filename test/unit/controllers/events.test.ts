import { describe, it, expect } from 'vitest';
import { recordEvent } from '../../../src/controllers/events';
import type { ClusterContext } from '../../../src/apiserver/registry/context';
import type { KubeObject } from '../../../src/apiserver/types';

const now = new Date('2026-01-01T00:00:10.500Z');
const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'd', uid: 'u1', resourceVersion: '7' } };

/** The part of a cluster the recorder reads: stored events, the resourceVersion counter, the clock. */
function context(events: KubeObject[] = [], rv = 41): ClusterContext {
  return {
    store: {
      list: () => events.map((obj) => ({ obj, text: '' })),
      byIndex: (_r: string, _index: string, uid: string) => events.filter((e) => e.involvedObject?.uid === uid).map((obj) => ({ obj, text: '' })),
      currentRV: () => rv,
    },
    now: () => now,
  } as unknown as ClusterContext;
}

describe('recordEvent', () => {
  it('stamps an event with the moment it happened, not the moment it is written', () => {
    const op = recordEvent(context(), pod, { type: 'Normal', reason: 'Pulled', message: 'm', component: 'kubelet', host: 'worker-1', at: new Date('2026-01-01T00:00:08.250Z') });
    expect(op.object).toMatchObject({ firstTimestamp: '2026-01-01T00:00:08Z', lastTimestamp: '2026-01-01T00:00:08Z', eventTime: null, count: 1, reportingComponent: 'kubelet', reportingInstance: 'worker-1' });
  });

  it('never stamps an event in the future', () => {
    const op = recordEvent(context(), pod, { type: 'Normal', reason: 'X', message: 'm', component: 'kubelet', at: new Date('2026-01-01T00:05:00Z') });
    expect(op.object.firstTimestamp).toBe('2026-01-01T00:00:10Z');
  });

  it('names events <object>.<hex nanoseconds> so that name order is the order they happened, within a millisecond too', () => {
    const ctx = context();
    const same = new Date('2026-01-01T00:00:09Z');
    const names = [
      recordEvent(ctx, pod, { type: 'Normal', reason: 'Pulling', message: 'a', component: 'kubelet', at: new Date('2026-01-01T00:00:07Z'), seq: 0 }),
      recordEvent(ctx, pod, { type: 'Normal', reason: 'Pulled', message: 'b', component: 'kubelet', at: same, seq: 1 }),
      recordEvent(ctx, pod, { type: 'Normal', reason: 'Created', message: 'c', component: 'kubelet', at: same, seq: 2 }),
      recordEvent(ctx, pod, { type: 'Normal', reason: 'Started', message: 'd', component: 'kubelet', at: same, seq: 3 }),
    ].map((op) => op.object.metadata.name as string);
    expect(names[0]).toBe(`web.${(BigInt(Date.parse('2026-01-01T00:00:07Z')) * 1_000_000n + 42n).toString(16)}`);
    expect([...names].sort()).toEqual(names);
    expect(new Set(names).size).toBe(4);
    // A later commit in the same millisecond sorts after this one's.
    const later = recordEvent(context([], 45), pod, { type: 'Normal', reason: 'Killing', message: 'e', component: 'kubelet', at: same, seq: 0 });
    expect((later.object.metadata.name as string) > names[3]).toBe(true);
  });

  it('counts a repeat on the existing event, moving lastTimestamp only forward', () => {
    const first = recordEvent(context(), pod, { type: 'Normal', reason: 'Pulling', message: 'a', component: 'kubelet' }).object;
    const again = recordEvent(context([first]), pod, { type: 'Normal', reason: 'Pulling', message: 'a', component: 'kubelet', at: new Date('2026-01-01T00:00:02Z') }).object;
    expect(again.metadata.name).toBe(first.metadata.name);
    expect(again).toMatchObject({ count: 2, firstTimestamp: '2026-01-01T00:00:10Z', lastTimestamp: '2026-01-01T00:00:10Z' });
  });
});
