import { describe, expect, it } from 'vitest';
import { SELF } from 'cloudflare:test';
import { token } from './keys';
import { encodeFrame, FrameReader, HeaderCompressor, type SpdyFrame } from '../../src/apiserver/streaming/spdy/frames';

const base = 'https://kubeplay.test/clusters/pf';

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${await token({ aud: 'pf' })}`);
  return SELF.fetch(`${base}${path}`, { ...init, headers });
}

/** A pod bound to a node whose containers never started: nothing listens on any port. */
async function boundPod(name: string): Promise<void> {
  const res = await call('/api/v1/namespaces/default/pods', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, annotations: { 'kubeplay.dev/start-delay': '1h' } }, spec: { nodeName: 'worker-1', containers: [{ name: 'web', image: 'nginx' }] } }),
  });
  expect(res.status).toBe(201);
}

const upgrade = (protocol?: string) => ({ Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', ...(protocol ? { 'Sec-WebSocket-Protocol': protocol } : {}) });

describe('pods/portforward through the Worker', () => {
  it('tunnels SPDY in WebSocket messages: a port nobody listens on gets the refusal on the error stream', async () => {
    await boundPod('tunnel');
    const res = await call('/api/v1/namespaces/default/pods/tunnel/portforward', { headers: upgrade('SPDY/3.1+portforward.k8s.io') });
    expect(res.status).toBe(101);
    expect(res.headers.get('Sec-WebSocket-Protocol')).toBe('SPDY/3.1+portforward.k8s.io');
    const ws = res.webSocket!;
    ws.accept();
    const reader = new FrameReader();
    const frames: SpdyFrame[] = [];
    const errorClosed = new Promise<void>((resolve) => {
      ws.addEventListener('message', async (ev) => {
        const data = ev.data instanceof Blob ? await ev.data.arrayBuffer() : (ev.data as ArrayBuffer);
        frames.push(...reader.push(new Uint8Array(data)));
        if (frames.some((f) => f.type === 'DATA' && f.streamId === 1 && f.fin)) resolve();
      });
    });
    const c = new HeaderCompressor();
    const syn = (streamId: number, streamtype: string): SpdyFrame => ({ type: 'SYN_STREAM', streamId, associatedTo: 0, priority: 0, slot: 0, fin: false, unidirectional: false, headers: { streamtype: [streamtype], port: ['81'], requestid: ['0'] } });
    ws.send(encodeFrame(syn(1, 'error'), c));
    ws.send(encodeFrame(syn(3, 'data'), c));
    await errorClosed;
    const text = frames.map((f) => (f.type === 'DATA' && f.streamId === 1 ? new TextDecoder().decode(f.data) : '')).join('');
    expect(text).toMatch(/^error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace "\/var\/run\/netns\/cni-[0-9a-f-]+": failed to connect to localhost:81 inside namespace "[0-9a-f]{64}", IPv4: dial tcp4 127\.0\.0\.1:81: connect: connection refused/);
    ws.close(1000, '');
  });

  it('refuses the SPDY upgrade with a Status naming the kubectl to use', async () => {
    await boundPod('spdy');
    const res = await call('/api/v1/namespaces/default/pods/spdy/portforward', { method: 'POST', headers: { Upgrade: 'SPDY/3.1', Connection: 'Upgrade', 'X-Stream-Protocol-Version': 'portforward.k8s.io' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest', message: expect.stringContaining('use kubectl 1.31 or later, or kubectl 1.30 with KUBECTL_PORT_FORWARD_WEBSOCKETS=true') });
  });

  it("answers the kubelet's errors for the channel protocol: ports required, protocols negotiated", async () => {
    await boundPod('channels');
    const noPorts = await call('/api/v1/namespaces/default/pods/channels/portforward', { headers: upgrade('v4.channel.k8s.io') });
    expect(noPorts.status).toBe(400);
    expect(await noPorts.text()).toBe('query parameter "port" is required');
    const v5 = await call('/api/v1/namespaces/default/pods/channels/portforward?ports=80', { headers: upgrade('v5.channel.k8s.io') });
    expect(v5.status).toBe(400);
    expect(await v5.text()).toContain('requested protocol(s) are not supported: [v5.channel.k8s.io]');
    const ok = await call('/api/v1/namespaces/default/pods/channels/portforward?ports=80', { headers: upgrade('v5.channel.k8s.io, v4.channel.k8s.io') });
    expect(ok.status).toBe(101);
    expect(ok.headers.get('Sec-WebSocket-Protocol')).toBe('v4.channel.k8s.io');
    ok.webSocket!.accept();
    ok.webSocket!.close(1000, '');
  });

  it('answers 404 for a pod that does not exist', async () => {
    const res = await call('/api/v1/namespaces/default/pods/ghost/portforward', { headers: upgrade('SPDY/3.1+portforward.k8s.io') });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ reason: 'NotFound', message: 'pods "ghost" not found' });
  });

  it("keeps the benchmark's echo out of the product: /_bench/echo is a 404 without BENCH_ECHO", async () => {
    const res = await SELF.fetch('https://kubeplay.test/_bench/echo', { headers: upgrade() });
    expect(res.status).toBe(404);
  });
});
