import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, serveByCluster, type ClusterStub } from '../../../src/http/cluster-call';

const call = { path: '/api/v1/namespaces/default/configmaps', base: 'https://x/clusters/t', user: { username: 'student', groups: [] } };
const noSleep = async () => {};

/** A platform error as the runtime raises it for a failed call to a Durable Object. */
function platformError(message: string, props: { retryable?: boolean; overloaded?: boolean; remote?: boolean }): Error {
  return Object.assign(new Error(message), props);
}

/** A stub failing with `errors` in turn, then answering 201; records each attempt. */
function flaky(errors: Error[]) {
  const seen: { body: string; id: string | undefined; attempt: number | undefined }[] = [];
  const stub: ClusterStub = {
    serve: (async (req: Request, _path: string, _base: string, _user: unknown, _cred: unknown, id?: string, attempt?: number) => {
      seen.push({ body: await req.text(), id, attempt });
      const e = errors.shift();
      if (e) throw e;
      return new Response('{"kind":"ConfigMap"}', { status: 201 });
    }) as unknown as ClusterStub['serve'],
  };
  return { stub: () => stub, seen };
}

const post = (body: string) => new Request('https://x/clusters/t/api/v1/namespaces/default/configmaps', { method: 'POST', body, headers: { 'content-type': 'application/json' } });

describe('Worker → cluster calls', () => {
  it('retries a write after a lost connection with the same bytes and the same request id', async () => {
    const f = flaky([platformError('Network connection lost.', { retryable: true })]);
    const res = await serveByCluster(f.stub, post('{"a":1}'), call, noSleep);
    expect(res.status).toBe(201);
    expect(f.seen).toHaveLength(2);
    expect(f.seen.map((s) => s.attempt)).toEqual([1, 2]);
    expect(f.seen[1]).toEqual({ ...f.seen[0], attempt: 2 });
    expect(f.seen[0].body).toBe('{"a":1}');
    expect(f.seen[0].id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an overloaded object with a 429 Status and Retry-After, without retrying', async () => {
    const f = flaky([platformError('Durable Object is overloaded. Too many requests queued.', { overloaded: true, retryable: false })]);
    const res = await serveByCluster(f.stub, post('{}'), call, noSleep);
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('1');
    expect(await res.json()).toMatchObject({ kind: 'Status', reason: 'TooManyRequests', code: 429 });
    expect(f.seen).toHaveLength(1);
  });

  it('answers an error of the object itself with a 500 InternalError Status naming it', async () => {
    const f = flaky([platformError('boom', { remote: true })]);
    const res = await serveByCluster(f.stub, post('{}'), call, noSleep);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Internal error occurred: boom', reason: 'InternalError', details: { causes: [{ message: 'boom' }] }, code: 500 });
  });

  it('gives up after a bounded number of attempts', async () => {
    const f = flaky(Array.from({ length: 10 }, () => platformError('Network connection lost.', { retryable: true })));
    const res = await serveByCluster(f.stub, new Request('https://x/clusters/t/api/v1/pods'), call, noSleep);
    expect(res.status).toBe(500);
    expect(f.seen).toHaveLength(MAX_ATTEMPTS);
  });

  it('hands on a body of declared length whole', async () => {
    const f = flaky([]);
    const body = JSON.stringify({ data: { k: 'v'.repeat(100_000) } });
    const req = new Request('https://x/clusters/t/api/v1/namespaces/default/configmaps', { method: 'POST', body, headers: { 'content-type': 'application/json', 'content-length': String(body.length) } });
    expect(req.headers.get('content-length')).toBe(String(body.length));
    expect((await serveByCluster(f.stub, req, call, noSleep)).status).toBe(201);
    expect(f.seen[0].body).toBe(body);
  });

  it('refuses a body over the limit sent without a length (413), before calling the object', async () => {
    const big = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 4; i++) c.enqueue(new Uint8Array(1024 * 1024));
        c.close();
      },
    });
    const f = flaky([]);
    const res = await serveByCluster(f.stub, new Request('https://x/clusters/t/api/v1/namespaces/default/configmaps', { method: 'POST', body: big, duplex: 'half' } as RequestInit), call, noSleep);
    expect(res.status).toBe(413);
    expect(f.seen).toHaveLength(0);
  });
});
