import { describe, it, expect } from 'vitest';
import { env, runInDurableObject } from 'cloudflare:test';
import { SqlFileStore } from '../../src/sim/runtime/sql-files';
import { decodeBytes, encodeBytes } from '../../src/sim/runtime/bytes';
import type { ClusterObject } from '../../src/cluster/cluster-object';

const stub = () => env.CLUSTER.get(env.CLUSTER.idFromName(crypto.randomUUID())) as DurableObjectStub<ClusterObject>;

describe('simulated container files in SQLite', () => {
  it('keeps a binary file byte for byte (as a BLOB) and text as TEXT', async () => {
    await runInDurableObject(stub(), (_obj, state) => {
      const files = new SqlFileStore(state.storage.sql);
      const bytes = Uint8Array.from([0, 0xff, 0x80, 0xc3, 0x28, 0, 0xed, 0xa0, 0x80, 0x0a]);
      files.put('emptydir/u/v', '/blob', { kind: 'f', data: decodeBytes(bytes) });
      files.put('emptydir/u/v', '/text', { kind: 'f', data: 'héllo\n' });
      expect(encodeBytes(files.get('emptydir/u/v', '/blob')!.data)).toEqual(bytes);
      expect(encodeBytes(files.below('emptydir/u/v', '/').get('/blob')!.data)).toEqual(bytes);
      expect(files.get('emptydir/u/v', '/text')!.data).toBe('héllo\n');
      const types = state.storage.sql.exec<{ path: string; t: string }>("SELECT path, typeof(data) AS t FROM sim_files WHERE vol = 'emptydir/u/v' ORDER BY path").toArray();
      expect(types).toEqual([{ path: '/blob', t: 'blob' }, { path: '/text', t: 'text' }]);
    });
  });
});
