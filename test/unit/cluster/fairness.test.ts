import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FairQueues, fairnessFor, flowOf } from '../../../src/cluster/fairness';
import { requestInfo } from '../../../src/apiserver/request-info';

const info = (method: string, path: string, query = '') => requestInfo(method, path, new URLSearchParams(query));

describe('flows', () => {
  it("puts a user's writes, reads and watches in flows of their own; probes are exempt", () => {
    const write = flowOf('student', info('PUT', '/api/v1/namespaces/default/configmaps/a'));
    const read = flowOf('student', info('GET', '/api/v1/namespaces/default/configmaps/a'));
    const watch = flowOf('student', info('GET', '/api/v1/namespaces/default/configmaps', 'watch=true'));
    expect(new Set([write, read, watch]).size).toBe(3);
    expect(flowOf('viewer', info('GET', '/api/v1/namespaces/default/configmaps/a'))).not.toBe(read);
    expect(flowOf('student', info('GET', '/healthz'))).toBeUndefined();
    expect(flowOf('student', info('GET', '/version'))).toBeUndefined();
    expect(flowOf('student', info('GET', '/api'))).toBeDefined();
  });
});

describe('fair queues', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  const queues = (rate: number, burst: number, maxWaitMs = 5000, queueLength = 500) => new FairQueues({ rate, burst, maxWaitMs, queueLength }, () => Date.now());

  it('admits a burst at once, then makes the next requests wait their turn instead of refusing them', async () => {
    const q = queues(10, 5);
    for (let i = 0; i < 5; i++) expect(q.admit('w')).toBe(true);
    const later = [q.admit('w'), q.admit('w')];
    expect(later.every((p) => p instanceof Promise)).toBe(true);
    const done: number[] = [];
    later.forEach((p, i) => void (p as Promise<boolean>).then((ok) => ok && done.push(i)));
    await vi.advanceTimersByTimeAsync(99);
    expect(done).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toEqual([0]);
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toEqual([0, 1]);
    expect(q.counts).toEqual({ admitted: 7, queued: 2, rejected: 0 });
  });

  it('serves waiting flows in turn: a flood of one flow does not hold back another', async () => {
    const q = queues(10, 1);
    expect(q.admit('flood')).toBe(true);
    const order: string[] = [];
    const wait = (flow: string, tag: string) => void (q.admit(flow) as Promise<boolean>).then((ok) => ok && order.push(tag));
    for (let i = 0; i < 20; i++) wait('flood', `f${i}`);
    wait('writer', 'w0');
    wait('writer', 'w1');
    await vi.advanceTimersByTimeAsync(500);
    // Five turns in half a second: the writer's two requests are among them, not after the twenty.
    expect(order).toEqual(['f0', 'w0', 'f1', 'w1', 'f2']);
  });

  it('holds a runaway client to the rate: what would wait too long is refused at once', async () => {
    const q = queues(10, 10, 1000);
    let admitted = 0;
    let refused = 0;
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < 100; i++) {
      const r = q.admit('loop');
      if (r === true) admitted++;
      else if (r === false) refused++;
      else pending.push(r.then((ok) => (ok ? admitted++ : refused++)));
    }
    await vi.advanceTimersByTimeAsync(2000);
    await Promise.all(pending);
    // The burst of 10, then 10 queued for the next second; the other 80 refused (429).
    expect(admitted).toBe(20);
    expect(refused).toBe(80);
    expect(q.queued).toBe(0);
  });

  it('refuses past the queue length of a flow', () => {
    const q = queues(1, 1, 60_000, 2);
    expect(q.admit('a')).toBe(true);
    expect(q.admit('a')).toBeInstanceOf(Promise);
    expect(q.admit('a')).toBeInstanceOf(Promise);
    expect(q.admit('a')).toBe(false);
    expect(q.admit('b')).toBeInstanceOf(Promise);
  });

  it('keeps a full bucket at most after a quiet time, and applies a new rate', async () => {
    const q = queues(1, 2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(q.admit('a')).toBe(true);
    expect(q.admit('a')).toBe(true);
    expect(q.admit('a')).toBeInstanceOf(Promise);
    q.configure(fairnessFor(100));
    await vi.advanceTimersByTimeAsync(10);
    expect(q.queued).toBe(0);
  });
});
