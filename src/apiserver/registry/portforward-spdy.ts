/**
 * The kubelet's SPDY port-forward handler (pkg/kubelet/cri/streaming/portforward/httpstream.go)
 * on our SPDY/3.1 session: the client opens, per forwarded connection, an error stream and a
 * data stream that share a `requestid` and name the `port` (headers `streamtype`, `port`,
 * `requestid`); once both are there the pod's port is dialled. Data-stream bytes go to the
 * pod and back; a refusal is written on the error stream, then both streams close. A stream
 * with a missing or bad header is reset, as apimachinery's spdy server does.
 *
 * Flow control (SPDY/3.1 section 2.6.8): spdystream, which kubectl and the kubelet use, never
 * sends WINDOW_UPDATE and ignores the ones it gets, so windows are enforced only for a peer that
 * takes part (it sent SETTINGS INITIAL_WINDOW_SIZE or a WINDOW_UPDATE); for such a peer we also
 * open our receive windows as we consume data.
 */
import { FrameReader, GoAwayStatus, RstStatus, SettingsId, SpdyProtocolError, type SpdyFrame, type SpdyHeaders } from '../streaming/spdy/frames';
import { FrameWriter } from '../streaming/spdy/writer';
import type { PodSocket, SocketSink } from '../../sim/runtime/pod-socket';

/** Connects forwarded connections to the pod; a string is the error the kubelet reports. */
export interface Forwarder {
  dial(port: number, sink: SocketSink): PodSocket | string;
}

/** The SPDY/3.1 initial stream and session window (section 2.6.8). */
const INITIAL_WINDOW = 64 * 1024;
/** Largest DATA frame we send. */
const MAX_DATA_FRAME = 32 * 1024;

interface Stream {
  id: number;
  kind: 'data' | 'error';
  port: number;
  requestId: string;
  /** The peer sent FIN (or RST). */
  remoteDone: boolean;
  /** We sent FIN (or RST). */
  localDone: boolean;
  /** Our send window on this stream (when the peer does flow control). */
  window: number;
  /** Data waiting for window, with whether FIN follows it. */
  queued: { data: Uint8Array; fin: boolean }[];
  /** Bytes received since our last WINDOW_UPDATE for this stream. */
  unacked: number;
}

interface Pair {
  requestId: string;
  data?: Stream;
  error?: Stream;
  socket?: PodSocket;
  /** Client bytes that came before the pair was complete, and its FIN. */
  early: Uint8Array[];
  earlyFin: boolean;
}

/** One SPDY port-forward session: feed it the transport's bytes; it writes frames to `out`. */
export class SpdyPortForwardSession {
  private readonly reader = new FrameReader();
  private readonly writer: FrameWriter;
  private readonly streams = new Map<number, Stream>();
  private readonly pairs = new Map<string, Pair>();
  private lastRemoteId = 0;
  private goneAway = false;
  private flowControl = false;
  private peerInitialWindow = INITIAL_WINDOW;
  private sessionWindow = INITIAL_WINDOW;
  private sessionUnacked = 0;
  /** When data last moved (ms since epoch), for the caller's idle limit. */
  lastActivity = Date.now();

  /** `out` sends one transport message; `close` ends the transport. */
  constructor(
    out: (bytes: Uint8Array) => void,
    private readonly close: () => void,
    private readonly forwarder: Forwarder,
  ) {
    this.writer = new FrameWriter(out);
  }

  /** Bytes from the transport, in any pieces. */
  receive(bytes: Uint8Array): void {
    if (this.goneAway) return;
    let frames: SpdyFrame[];
    try {
      frames = this.reader.push(bytes);
    } catch (e) {
      if (!(e instanceof SpdyProtocolError)) throw e;
      return this.goAway(GoAwayStatus.PROTOCOL_ERROR);
    }
    for (const f of frames) this.handle(f);
  }

  /** The transport closed: every forwarded connection is abandoned. */
  shutdown(): void {
    this.goneAway = true;
    for (const p of this.pairs.values()) p.socket?.abort();
    this.pairs.clear();
    this.streams.clear();
  }

  /** Ends the session as a server does (GOAWAY, then the transport closes). */
  goAway(status: number = GoAwayStatus.OK): void {
    if (this.goneAway) return;
    this.send({ type: 'GOAWAY', lastGoodStreamId: this.lastRemoteId, status });
    this.writer.flush();
    this.shutdown();
    this.close();
  }

  private handle(f: SpdyFrame): void {
    switch (f.type) {
      case 'SYN_STREAM':
        return this.onSynStream(f.streamId, f.headers, f.fin);
      case 'DATA':
        return this.onData(f.streamId, f.data, f.fin);
      case 'RST_STREAM':
        return this.onReset(f.streamId);
      case 'PING':
        // Client pings have odd ids (section 2.6.5): answer with the same frame.
        if (f.id % 2 === 1) this.send(f);
        return;
      case 'GOAWAY':
        this.shutdown();
        return this.close();
      case 'SETTINGS':
        for (const e of f.entries) {
          if (e.id !== SettingsId.INITIAL_WINDOW_SIZE) continue;
          const delta = e.value - this.peerInitialWindow;
          this.peerInitialWindow = e.value;
          this.flowControl = true;
          for (const s of this.streams.values()) s.window += delta;
        }
        return this.drainAll();
      case 'WINDOW_UPDATE':
        this.flowControl = true;
        if (f.streamId === 0) this.sessionWindow += f.delta;
        else {
          const s = this.streams.get(f.streamId);
          if (s) s.window += f.delta;
        }
        return this.drainAll();
      default:
        return; // SYN_REPLY/HEADERS: we open no streams of our own.
    }
  }

  private onSynStream(id: number, headers: SpdyHeaders, fin: boolean): void {
    if (id % 2 === 0 || id <= this.lastRemoteId) return this.send({ type: 'RST_STREAM', streamId: id, status: RstStatus.PROTOCOL_ERROR });
    this.lastRemoteId = id;
    const one = (n: string) => headers[n]?.[0] ?? '';
    const port = one('port');
    const kind = one('streamtype');
    // httpStreamReceived's checks: a port in 1..65535 and a known stream type.
    if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535 || (kind !== 'data' && kind !== 'error')) {
      return this.send({ type: 'RST_STREAM', streamId: id, status: RstStatus.CANCEL });
    }
    // Older clients send no requestid: the kubelet pairs stream n (error) with n+2 (data).
    const requestId = one('requestid') || String(kind === 'error' ? id : id - 2);
    const stream: Stream = { id, kind, port: Number(port), requestId, remoteDone: fin, localDone: false, window: this.peerInitialWindow, queued: [], unacked: 0 };
    this.streams.set(id, stream);
    this.send({ type: 'SYN_REPLY', streamId: id, fin: false, headers: {} });
    let pair = this.pairs.get(requestId);
    if (!pair) this.pairs.set(requestId, (pair = { requestId, early: [], earlyFin: false }));
    if (pair[kind]) {
      // p.add's refusal, written on the error stream as the kubelet prints it.
      const msg = `error processing stream for request ${requestId}: ${kind} stream already assigned`;
      if (pair.error && !pair.error.localDone) this.sendData(pair.error, new TextEncoder().encode(msg), false);
      return this.send({ type: 'RST_STREAM', streamId: id, status: RstStatus.CANCEL });
    }
    pair[kind] = stream;
    if (kind === 'data' && fin) pair.earlyFin = true;
    if (pair.data && pair.error) this.forward(pair);
  }

  /** Both streams are there: dial the pod's port (the kubelet's portForward). */
  private forward(pair: Pair): void {
    const data = pair.data!;
    const error = pair.error!;
    const port = data.port;
    const sink: SocketSink = {
      data: (b) => {
        if (!data.localDone) this.sendData(data, b, false);
      },
      end: () => this.finish(pair),
      reset: () => {
        if (!data.localDone) {
          data.localDone = true;
          data.queued = [];
          this.send({ type: 'RST_STREAM', streamId: data.id, status: RstStatus.CANCEL });
        }
        this.finish(pair);
      },
    };
    const socket = this.forwarder.dial(port, sink);
    if (typeof socket === 'string') {
      this.sendData(error, new TextEncoder().encode(socket), false);
      return this.finish(pair);
    }
    pair.socket = socket;
    for (const b of pair.early) socket.write(b);
    pair.early = [];
    if (pair.earlyFin) socket.end();
  }

  /** The forwarded connection is over: close the error stream, then the data stream. */
  private finish(pair: Pair): void {
    for (const s of [pair.error, pair.data]) {
      if (s && !s.localDone) this.sendData(s, new Uint8Array(), true);
    }
    this.forget(pair);
  }

  private forget(pair: Pair): void {
    const done = (s?: Stream) => !s || (s.localDone && s.remoteDone);
    if (done(pair.data) && done(pair.error)) {
      if (pair.data) this.streams.delete(pair.data.id);
      if (pair.error) this.streams.delete(pair.error.id);
      this.pairs.delete(pair.requestId);
    }
  }

  private onData(id: number, data: Uint8Array, fin: boolean): void {
    const s = this.streams.get(id);
    if (!s || s.remoteDone) return; // spdystream drops data for streams it no longer has
    this.lastActivity = Date.now();
    this.acknowledge(s, data.length);
    const pair = this.pairs.get(s.requestId);
    if (fin) s.remoteDone = true;
    if (!pair || s.kind !== 'data') return pair && this.forget(pair);
    if (pair.socket) {
      if (data.length) pair.socket.write(data);
      if (fin) pair.socket.end();
    } else {
      if (data.length) pair.early.push(data);
      if (fin) pair.earlyFin = true;
    }
    this.forget(pair);
  }

  private onReset(id: number): void {
    const s = this.streams.get(id);
    if (!s) return;
    s.remoteDone = true;
    s.localDone = true;
    s.queued = [];
    const pair = this.pairs.get(s.requestId);
    if (!pair) return void this.streams.delete(id);
    if (s.kind === 'data') {
      // kubectl resets the data stream when its local connection ends, then reads the error
      // stream to its end: the kubelet's copy stops and both streams close.
      pair.socket?.abort();
      pair.socket = undefined;
    }
    this.finish(pair);
  }

  /** Opens our receive windows again for a peer that does flow control. */
  private acknowledge(s: Stream, n: number): void {
    if (!this.flowControl || !n) return;
    s.unacked += n;
    this.sessionUnacked += n;
    if (s.unacked >= INITIAL_WINDOW / 2) {
      this.send({ type: 'WINDOW_UPDATE', streamId: s.id, delta: s.unacked });
      s.unacked = 0;
    }
    if (this.sessionUnacked >= INITIAL_WINDOW / 2) {
      this.send({ type: 'WINDOW_UPDATE', streamId: 0, delta: this.sessionUnacked });
      this.sessionUnacked = 0;
    }
  }

  /** Sends `data` on stream `s` in DATA frames (within the windows, if enforced). */
  private sendData(s: Stream, data: Uint8Array, fin: boolean): void {
    if (s.localDone) return;
    if (fin) s.localDone = true;
    if (data.length) this.lastActivity = Date.now();
    s.queued.push({ data, fin });
    this.drain(s);
  }

  private drainAll(): void {
    for (const s of this.streams.values()) this.drain(s);
  }

  private drain(s: Stream): void {
    while (s.queued.length) {
      const q = s.queued[0];
      let room = Math.min(q.data.length, MAX_DATA_FRAME);
      if (this.flowControl) room = Math.min(room, s.window, this.sessionWindow);
      if (room <= 0 && q.data.length) return;
      const part = q.data.subarray(0, room);
      const last = room === q.data.length;
      this.send({ type: 'DATA', streamId: s.id, fin: last && q.fin, data: part });
      if (this.flowControl) {
        s.window -= room;
        this.sessionWindow -= room;
      }
      if (last) s.queued.shift();
      else q.data = q.data.subarray(room);
    }
    const pair = this.pairs.get(s.requestId);
    if (pair) this.forget(pair);
  }

  private send(frame: SpdyFrame): void {
    if (!this.goneAway || frame.type === 'GOAWAY') this.writer.send(frame);
  }
}
