import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';
import { Informer } from '../../../web/src/api/informer';
import type { KubeClient } from '../../../web/src/api/client';
import type { WatchEvent } from '../../../web/src/api/types';

const pod = (name: string, rv: string, phase = 'Pending') => ({ metadata: { name, namespace: 'default', resourceVersion: rv }, status: { phase } });

/** A client whose lists and watch sockets the test plays by hand. */
function fakeClient(lists: { rv: string; items: any[] }[]) {
  const sockets: { query: Record<string, unknown>; event: (e: WatchEvent) => void; close: (opened: boolean) => void; closed: boolean }[] = [];
  let listed = 0;
  const client = {
    list: vi.fn(async () => {
      const l = lists[Math.min(listed++, lists.length - 1)];
      return { metadata: { resourceVersion: l.rv }, items: l.items };
    }),
    watchSocket: (_ref: unknown, query: Record<string, unknown>, event: (e: WatchEvent) => void, close: (opened: boolean) => void) => {
      const s = { query, event, close, closed: false };
      sockets.push(s);
      return { close: () => (s.closed = true) };
    },
  };
  return { client: client as unknown as KubeClient, sockets, list: client.list };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('the dashboard informer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lists, then watches from the list resourceVersion and applies each event', async () => {
    const { client, sockets } = fakeClient([{ rv: '10', items: [pod('a', '9')] }]);
    const inf = new Informer(client, { version: 'v1', resource: 'pods' });
    const seen: string[][] = [];
    inf.subscribe(() => seen.push(inf.state.items.map((p) => `${p.metadata!.name}:${(p as any).status.phase}`)));
    await flush();
    expect(inf.state.synced).toBe(true);
    expect(sockets).toHaveLength(1);
    expect(sockets[0].query).toMatchObject({ resourceVersion: '10', allowWatchBookmarks: true });
    sockets[0].event({ type: 'ADDED', object: pod('b', '11') });
    sockets[0].event({ type: 'MODIFIED', object: pod('a', '12', 'Running') });
    await flush();
    // One notification for the burst, with both changes.
    expect(seen.at(-1)).toEqual(['a:Running', 'b:Pending']);
    sockets[0].event({ type: 'DELETED', object: pod('b', '13') });
    await flush();
    expect(inf.state.items.map((p) => p.metadata!.name)).toEqual(['a']);
  });

  it('resumes from the last resourceVersion (bookmarks included) when the server ends the watch', async () => {
    const { client, sockets, list } = fakeClient([{ rv: '10', items: [] }]);
    const inf = new Informer(client, { version: 'v1', resource: 'pods' });
    inf.subscribe(() => {});
    await flush();
    sockets[0].event({ type: 'ADDED', object: pod('a', '15') });
    sockets[0].event({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '20' } } });
    sockets[0].close(true);
    await flush();
    expect(sockets).toHaveLength(2);
    expect(sockets[1].query.resourceVersion).toBe('20');
    expect(list).toHaveBeenCalledTimes(1);
  });

  it('lists again after a 410 Expired, and after a watch that never opened', async () => {
    const { client, sockets, list } = fakeClient([
      { rv: '10', items: [pod('a', '9')] },
      { rv: '50', items: [pod('c', '49')] },
      { rv: '60', items: [pod('c', '49'), pod('d', '55')] },
    ]);
    const inf = new Informer(client, { version: 'v1', resource: 'pods' });
    inf.subscribe(() => {});
    await flush();
    sockets[0].event({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } as any });
    sockets[0].close(true);
    await vi.advanceTimersByTimeAsync(600);
    expect(list).toHaveBeenCalledTimes(2);
    expect(inf.state.items.map((p) => p.metadata!.name)).toEqual(['c']);
    expect(sockets[1].query.resourceVersion).toBe('50');
    sockets[1].close(false);
    await vi.advanceTimersByTimeAsync(1100);
    expect(list).toHaveBeenCalledTimes(3);
    expect(inf.state.items.map((p) => p.metadata!.name)).toEqual(['c', 'd']);
  });

  it('stops watching a little after the last view leaves', async () => {
    const { client, sockets } = fakeClient([{ rv: '10', items: [] }]);
    const inf = new Informer(client, { version: 'v1', resource: 'pods' });
    const off = inf.subscribe(() => {});
    await flush();
    off();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sockets[0].closed).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(sockets[0].closed).toBe(true);
  });
});
