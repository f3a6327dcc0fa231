import { describe, it, expect } from 'vitest';
import { SELF } from 'cloudflare:test';
import { token } from './keys';

/** kube-apiserver's bearer subprotocol for browsers: base64url of the token, unpadded. */
const bearer = (t: string) => `base64url.bearer.authorization.k8s.io.${btoa(t).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;

const upgrade = (path: string, protocols: string[]) =>
  SELF.fetch(`https://kubeplay.test/clusters/test${path}`, { headers: { Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Protocol': protocols.join(', ') } });

describe('WebSockets from a browser', () => {
  it('authenticate with the bearer subprotocol, and only with a valid token', async () => {
    const path = '/api/v1/namespaces/default/pods/nope/exec?command=sh&stdout=true';
    const ok = await upgrade(path, ['v5.channel.k8s.io', bearer(await token())]);
    // Authenticated: the cluster itself answers (no such pod), not the Worker's 401.
    expect(ok.status).toBe(404);
    expect(await ok.json()).toMatchObject({ kind: 'Status', reason: 'NotFound' });
    expect((await upgrade(path, ['v5.channel.k8s.io'])).status).toBe(401);
    expect((await upgrade(path, ['v5.channel.k8s.io', bearer(await token({ aud: 'other' }))])).status).toBe(401);
    expect((await upgrade(path, ['v5.channel.k8s.io', 'base64url.bearer.authorization.k8s.io.!!'])).status).toBe(401);
  });

  it('get a watch as one message per event, answered with binary.k8s.io', async () => {
    const res = await upgrade('/api/v1/namespaces?watch=1', ['binary.k8s.io', bearer(await token())]);
    expect(res.status).toBe(101);
    expect(res.headers.get('sec-websocket-protocol')).toBe('binary.k8s.io');
    const ws = res.webSocket!;
    ws.accept();
    const names: string[] = [];
    await new Promise<void>((resolve) => {
      ws.addEventListener('message', async (m) => {
        // A binary frame (binary.k8s.io) holding exactly one JSON event.
        expect(typeof m.data).not.toBe('string');
        const e = JSON.parse(await new Response(m.data as ArrayBuffer).text());
        expect(e.type).toBe('ADDED');
        names.push(e.object.metadata.name);
        if (names.length === 4) resolve();
      });
    });
    ws.close();
    expect(names.sort()).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('end a watch from a resourceVersion that is not a number with an ERROR event', async () => {
    const res = await upgrade('/api/v1/namespaces?watch=1&resourceVersion=abc', ['binary.k8s.io', bearer(await token())]);
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    ws.accept();
    const e = await new Promise<any>((resolve) => ws.addEventListener('message', async (m) => resolve(JSON.parse(await new Response(m.data as ArrayBuffer).text()))));
    expect(e).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 400 } });
  });

  it('refuse a watch upgrade offering only unknown subprotocols', async () => {
    const res = await upgrade('/api/v1/namespaces?watch=1', ['v5.channel.k8s.io', bearer(await token())]);
    expect(res.status).toBe(400);
  });
});
