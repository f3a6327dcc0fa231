import { describe, expect, it } from 'vitest';
import { SpdyPortForwardSession, type Forwarder } from '../../../src/apiserver/registry/portforward-spdy';
import { ChannelPortForwardSession } from '../../../src/apiserver/registry/portforward-ws';
import { encodeFrame, FrameReader, HeaderCompressor, RstStatus, type SpdyFrame } from '../../../src/apiserver/streaming/spdy/frames';
import type { PodSocket, SocketSink } from '../../../src/sim/runtime/pod-socket';

const te = new TextEncoder();
const td = new TextDecoder();
const tick = () => new Promise((r) => setTimeout(r, 0));

/** A pod whose port 80 echoes upper-cased bytes and closes on "bye"; other ports refuse. */
function fakePod() {
  const sockets: { port: number; sink: SocketSink; got: string; ended: boolean; aborted: boolean }[] = [];
  const forwarder: Forwarder = {
    dial(port, sink) {
      if (port !== 80) return `refused ${port}`;
      const s = { port, sink, got: '', ended: false, aborted: false };
      sockets.push(s);
      const sock: PodSocket = {
        write: (b) => {
          s.got += td.decode(b);
          if (s.got.endsWith('bye')) sink.end();
          else sink.data(te.encode(td.decode(b).toUpperCase()));
        },
        end: () => {
          s.ended = true;
          sink.end();
        },
        abort: () => (s.aborted = true),
      };
      return sock;
    },
  };
  return { forwarder, sockets };
}

/** kubectl's side of a SPDY session against the server session. */
function client(forwarder: Forwarder) {
  const wire = { closed: false };
  const reader = new FrameReader();
  const frames: SpdyFrame[] = [];
  const session = new SpdyPortForwardSession(
    (b) => frames.push(...reader.push(b)),
    () => (wire.closed = true),
    forwarder,
  );
  const c = new HeaderCompressor();
  const send = (...fs: SpdyFrame[]) => {
    // One byte at a time: the tunnel keeps no frame boundaries.
    for (const f of fs) for (const b of encodeFrame(f, c)) session.receive(new Uint8Array([b]));
  };
  const syn = (streamId: number, streamtype: string, port = '80', requestid = '0'): SpdyFrame => ({ type: 'SYN_STREAM', streamId, associatedTo: 0, priority: 0, slot: 0, fin: false, unidirectional: false, headers: { streamtype: [streamtype], port: [port], requestid: [requestid] } });
  const data = (streamId: number, text: string, fin = false): SpdyFrame => ({ type: 'DATA', streamId, fin, data: te.encode(text) });
  const on = (id: number) => frames.filter((f) => 'streamId' in f && f.streamId === id);
  const text = (id: number) => on(id).map((f) => (f.type === 'DATA' ? td.decode(f.data) : '')).join('');
  const fin = (id: number) => on(id).some((f) => f.type === 'DATA' && f.fin);
  return { session, send, syn, data, frames, on, text, fin, wire };
}

describe('the SPDY port-forward session (the kubelet side)', () => {
  it('replies to both streams of a pair, dials the port and carries bytes both ways', async () => {
    const pod = fakePod();
    const k = client(pod.forwarder);
    k.send(k.syn(1, 'error'), k.data(1, '', true), k.syn(3, 'data'), k.data(3, 'hello'));
    await tick();
    expect(k.frames.filter((f) => f.type === 'SYN_REPLY').map((f) => (f as { streamId: number }).streamId)).toEqual([1, 3]);
    expect(pod.sockets.map((s) => [s.port, s.got])).toEqual([[80, 'hello']]);
    expect(k.text(3)).toBe('HELLO');
    // The client half-closes: the pod's side ends, then both streams close (error first, empty).
    k.send(k.data(3, '', true));
    await tick();
    expect(pod.sockets[0].ended).toBe(true);
    expect(k.fin(1) && k.fin(3)).toBe(true);
    expect(k.text(1)).toBe('');
  });

  it('writes a refusal on the error stream, then closes both', async () => {
    const k = client(fakePod().forwarder);
    k.send(k.syn(1, 'error', '81'), k.syn(3, 'data', '81'));
    await tick();
    expect(k.text(1)).toBe('refused 81');
    expect(k.fin(1) && k.fin(3)).toBe(true);
  });

  it('serves several connections at once, each by its requestid', async () => {
    const pod = fakePod();
    const k = client(pod.forwarder);
    k.send(k.syn(1, 'error', '80', '0'), k.syn(3, 'error', '80', '1'), k.syn(5, 'data', '80', '1'), k.syn(7, 'data', '80', '0'));
    k.send(k.data(5, 'one'), k.data(7, 'zero'));
    await tick();
    expect(k.text(5)).toBe('ONE');
    expect(k.text(7)).toBe('ZERO');
  });

  it("resets a stream whose headers the kubelet rejects, and answers the client's pings", async () => {
    const k = client(fakePod().forwarder);
    k.send(k.syn(1, 'error', '0'), k.syn(3, 'bogus'), { type: 'PING', id: 1 }, { type: 'PING', id: 2 });
    await tick();
    expect(k.frames.filter((f) => f.type === 'RST_STREAM')).toEqual([
      { type: 'RST_STREAM', streamId: 1, status: RstStatus.CANCEL },
      { type: 'RST_STREAM', streamId: 3, status: RstStatus.CANCEL },
    ]);
    expect(k.frames.filter((f) => f.type === 'PING')).toEqual([{ type: 'PING', id: 1 }]);
  });

  it("stops the pod's side when kubectl resets the data stream, and ends the error stream", async () => {
    const pod = fakePod();
    const k = client(pod.forwarder);
    k.send(k.syn(1, 'error'), k.syn(3, 'data'), { type: 'RST_STREAM', streamId: 3, status: RstStatus.CANCEL });
    await tick();
    expect(pod.sockets[0].aborted).toBe(true);
    expect(k.fin(1)).toBe(true);
    expect(k.on(3).some((f) => f.type === 'DATA')).toBe(false);
  });

  it('keeps within the windows of a peer that does flow control, and opens its own', async () => {
    const big = 'x'.repeat(100_000);
    const forwarder: Forwarder = { dial: (_p, sink) => ({ write: () => sink.data(te.encode(big)), end: () => {}, abort: () => {} }) };
    const k = client(forwarder);
    k.send({ type: 'SETTINGS', clear: false, entries: [{ id: 7, value: 40_000, flags: 0 }] }, k.syn(1, 'error'), k.syn(3, 'data'));
    k.session.receive(encodeFrame(k.data(3, 'y'.repeat(40_000)), new HeaderCompressor()));
    await tick();
    // The stream's window (40,000 from SETTINGS) bounds what was sent; the 40,000 bytes we got
    // are acknowledged on the stream and on the session.
    expect(k.text(3).length).toBe(40_000);
    expect(k.frames.filter((f) => f.type === 'WINDOW_UPDATE')).toEqual([
      { type: 'WINDOW_UPDATE', streamId: 3, delta: 40_000 },
      { type: 'WINDOW_UPDATE', streamId: 0, delta: 40_000 },
    ]);
    // More stream window, but the session's (65,536 at start) lets only 25,536 more through.
    k.send({ type: 'WINDOW_UPDATE', streamId: 3, delta: 100_000 });
    await tick();
    expect(k.text(3).length).toBe(65_536);
    k.send({ type: 'WINDOW_UPDATE', streamId: 0, delta: 100_000 });
    await tick();
    expect(k.text(3).length).toBe(100_000);
  });

  it("sends without windows to spdystream, which never updates them (kubectl's case)", async () => {
    const forwarder: Forwarder = { dial: (_p, sink) => ({ write: () => sink.data(new Uint8Array(300_000)), end: () => {}, abort: () => {} }) };
    const k = client(forwarder);
    k.send(k.syn(1, 'error'), k.syn(3, 'data'), k.data(3, 'GET'));
    await tick();
    expect(k.on(3).reduce((n, f) => n + (f.type === 'DATA' ? f.data.length : 0), 0)).toBe(300_000);
    expect(k.frames.some((f) => f.type === 'WINDOW_UPDATE')).toBe(false);
  });

  it('sends no more after a GOAWAY and ends the transport', async () => {
    const pod = fakePod();
    const k = client(pod.forwarder);
    k.send(k.syn(1, 'error'), k.syn(3, 'data'), { type: 'GOAWAY', lastGoodStreamId: 0, status: 0 });
    await tick();
    expect(k.wire.closed).toBe(true);
    expect(pod.sockets[0].aborted).toBe(true);
  });
});

describe('the channel port-forward session (v4.channel.k8s.io)', () => {
  function channels(ports: number[], base64 = false) {
    const pod = fakePod();
    const out: (Uint8Array | string)[] = [];
    const state = { closed: false };
    const s = new ChannelPortForwardSession((m) => out.push(m), () => (state.closed = true), ports, base64, pod.forwarder);
    s.start();
    return { s, out, state, pod };
  }

  it('announces each port on its data and error channels, then carries data on channel 2i', () => {
    const { s, out, pod } = channels([80, 81]);
    expect(out.slice(0, 4).map((m) => [...(m as Uint8Array)])).toEqual([
      [0, 80, 0],
      [1, 80, 0],
      [2, 81, 0],
      [3, 81, 0],
    ]);
    expect(td.decode((out[4] as Uint8Array).subarray(1))).toBe('refused 81');
    expect((out[4] as Uint8Array)[0]).toBe(3);
    s.receive(new Uint8Array([0, ...te.encode('hi')]));
    expect(pod.sockets[0].got).toBe('hi');
    expect([...(out[5] as Uint8Array)]).toEqual([0, ...te.encode('HI')]);
  });

  it('closes the socket once every connection has ended', () => {
    const { s, state } = channels([80]);
    s.receive(new Uint8Array([0, ...te.encode('bye')]));
    expect(state.closed).toBe(true);
  });

  it('speaks base64 text messages', () => {
    const { s, out, pod } = channels([80], true);
    expect(out.slice(0, 2)).toEqual(['0UAA=', '1UAA=']);
    s.receive(`0${btoa('yo')}`);
    expect(pod.sockets[0].got).toBe('yo');
    expect(out[2]).toBe(`0${btoa('YO')}`);
  });
});
