/**
 * SPDY/3.1 frames (SPDY Protocol draft 3.1, section 2.2 and 2.6): a control frame is
 * `1 | version(15) | type(16) | flags(8) | length(24) | data`, a data frame is
 * `0 | stream id(31) | flags(8) | length(24) | data`. Encoding takes this side's header
 * compressor, decoding the peer's decompressor (one each per session, see header-block.ts).
 * `FrameReader` parses a byte stream that arrives in arbitrary pieces (SPDY tunnelled in
 * WebSocket messages does not keep frame boundaries).
 */
import { HeaderCompressor, HeaderDecompressor, SpdyProtocolError, type SpdyHeaders } from './header-block';

/** The protocol version in every control frame. */
export const SPDY_VERSION = 3;

/** Control frame types (section 2.6). */
export const FrameType = { SYN_STREAM: 1, SYN_REPLY: 2, RST_STREAM: 3, SETTINGS: 4, PING: 6, GOAWAY: 7, HEADERS: 8, WINDOW_UPDATE: 9 } as const;

/** RST_STREAM status codes (section 2.6.3). */
export const RstStatus = { PROTOCOL_ERROR: 1, INVALID_STREAM: 2, REFUSED_STREAM: 3, UNSUPPORTED_VERSION: 4, CANCEL: 5, INTERNAL_ERROR: 6, FLOW_CONTROL_ERROR: 7, STREAM_IN_USE: 8, STREAM_ALREADY_CLOSED: 9, FRAME_TOO_LARGE: 11 } as const;

/** GOAWAY status codes (section 2.6.6). */
export const GoAwayStatus = { OK: 0, PROTOCOL_ERROR: 1, INTERNAL_ERROR: 2 } as const;

/** SETTINGS ids (section 2.6.4) this implementation reads. */
export const SettingsId = { MAX_CONCURRENT_STREAMS: 4, INITIAL_WINDOW_SIZE: 7 } as const;

/** Largest payload of one frame (24-bit length). */
export const MAX_FRAME_PAYLOAD = 0xffffff;

/** One decoded frame. `fin` is FLAG_FIN; `unidirectional` FLAG_UNIDIRECTIONAL of SYN_STREAM. */
export type SpdyFrame =
  | { type: 'DATA'; streamId: number; fin: boolean; data: Uint8Array }
  | { type: 'SYN_STREAM'; streamId: number; associatedTo: number; priority: number; slot: number; fin: boolean; unidirectional: boolean; headers: SpdyHeaders }
  | { type: 'SYN_REPLY'; streamId: number; fin: boolean; headers: SpdyHeaders }
  | { type: 'RST_STREAM'; streamId: number; status: number }
  | { type: 'SETTINGS'; clear: boolean; entries: { id: number; value: number; flags: number }[] }
  | { type: 'PING'; id: number }
  | { type: 'GOAWAY'; lastGoodStreamId: number; status: number }
  | { type: 'HEADERS'; streamId: number; fin: boolean; headers: SpdyHeaders }
  | { type: 'WINDOW_UPDATE'; streamId: number; delta: number };

function control(type: number, flags: number, payload: Uint8Array): Uint8Array {
  if (payload.length > MAX_FRAME_PAYLOAD) throw new RangeError('frame payload too large');
  const out = new Uint8Array(8 + payload.length);
  const v = new DataView(out.buffer);
  v.setUint16(0, 0x8000 | SPDY_VERSION);
  v.setUint16(2, type);
  v.setUint32(4, (flags << 24) | payload.length);
  out.set(payload, 8);
  return out;
}

function words(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const v = new DataView(out.buffer);
  values.forEach((x, i) => v.setUint32(i * 4, x >>> 0));
  return out;
}

function withPrefix(prefix: Uint8Array, rest: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.length + rest.length);
  out.set(prefix);
  out.set(rest, prefix.length);
  return out;
}

/** The bytes of `frame`; header blocks go through `compressor` (this side's context). */
export function encodeFrame(frame: SpdyFrame, compressor: HeaderCompressor): Uint8Array {
  switch (frame.type) {
    case 'DATA': {
      if (frame.data.length > MAX_FRAME_PAYLOAD) throw new RangeError('frame payload too large');
      const out = new Uint8Array(8 + frame.data.length);
      const v = new DataView(out.buffer);
      v.setUint32(0, frame.streamId & 0x7fffffff);
      v.setUint32(4, ((frame.fin ? 1 : 0) << 24) | frame.data.length);
      out.set(frame.data, 8);
      return out;
    }
    case 'SYN_STREAM': {
      const head = new Uint8Array(10);
      const v = new DataView(head.buffer);
      v.setUint32(0, frame.streamId & 0x7fffffff);
      v.setUint32(4, frame.associatedTo & 0x7fffffff);
      head[8] = (frame.priority & 7) << 5;
      head[9] = frame.slot & 0xff;
      const flags = (frame.fin ? 1 : 0) | (frame.unidirectional ? 2 : 0);
      return control(FrameType.SYN_STREAM, flags, withPrefix(head, compressor.compress(frame.headers)));
    }
    case 'SYN_REPLY':
      return control(FrameType.SYN_REPLY, frame.fin ? 1 : 0, withPrefix(words(frame.streamId & 0x7fffffff), compressor.compress(frame.headers)));
    case 'HEADERS':
      return control(FrameType.HEADERS, frame.fin ? 1 : 0, withPrefix(words(frame.streamId & 0x7fffffff), compressor.compress(frame.headers)));
    case 'RST_STREAM':
      return control(FrameType.RST_STREAM, 0, words(frame.streamId & 0x7fffffff, frame.status));
    case 'SETTINGS':
      return control(FrameType.SETTINGS, frame.clear ? 1 : 0, words(frame.entries.length, ...frame.entries.flatMap((e) => [((e.flags & 0xff) << 24) | (e.id & 0xffffff), e.value])));
    case 'PING':
      return control(FrameType.PING, 0, words(frame.id));
    case 'GOAWAY':
      return control(FrameType.GOAWAY, 0, words(frame.lastGoodStreamId & 0x7fffffff, frame.status));
    case 'WINDOW_UPDATE':
      return control(FrameType.WINDOW_UPDATE, 0, words(frame.streamId & 0x7fffffff, frame.delta & 0x7fffffff));
  }
}

/** A growing byte buffer read from the front (chunks are kept, not copied, until taken). */
class ByteQueue {
  private chunks: Uint8Array[] = [];
  private head = 0;
  length = 0;

  push(b: Uint8Array): void {
    if (!b.length) return;
    this.chunks.push(b);
    this.length += b.length;
  }

  /** The first `n` bytes (n ≤ length), removed from the queue. */
  take(n: number): Uint8Array {
    const first = this.chunks[0];
    if (first && first.length - this.head >= n) {
      // The common case: within one chunk, no copy.
      const out = first.subarray(this.head, this.head + n);
      this.head += n;
      if (this.head === first.length) {
        this.chunks.shift();
        this.head = 0;
      }
      this.length -= n;
      return out;
    }
    const out = new Uint8Array(n);
    let at = 0;
    while (at < n) {
      const c = this.chunks[0];
      const k = Math.min(n - at, c.length - this.head);
      out.set(c.subarray(this.head, this.head + k), at);
      at += k;
      this.head += k;
      if (this.head === c.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
    this.length -= n;
    return out;
  }

  /** The first `n` bytes without removing them. */
  peek(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let at = 0;
    for (let i = 0, from = this.head; at < n; i++, from = 0) {
      const c = this.chunks[i];
      const k = Math.min(n - at, c.length - from);
      out.set(c.subarray(from, from + k), at);
      at += k;
    }
    return out;
  }
}

/**
 * Incremental parser of the peer's frames. `push` bytes as they arrive; it returns the frames
 * completed so far. A control frame of another version, or a malformed one, throws
 * SpdyProtocolError (the session then sends GOAWAY). Unknown control frame types are skipped, as
 * section 2.2.1 requires.
 */
export class FrameReader {
  private readonly queue = new ByteQueue();
  private readonly decompressor = new HeaderDecompressor();

  push(bytes: Uint8Array): SpdyFrame[] {
    this.queue.push(bytes);
    const frames: SpdyFrame[] = [];
    while (this.queue.length >= 8) {
      const head = new DataView(this.queue.peek(8).buffer);
      const length = head.getUint32(4) & 0xffffff;
      if (this.queue.length < 8 + length) break;
      this.queue.take(8);
      const payload = this.queue.take(length);
      const frame = this.parse(head, payload);
      if (frame) frames.push(frame);
    }
    return frames;
  }

  private parse(head: DataView, payload: Uint8Array): SpdyFrame | undefined {
    const first = head.getUint32(0);
    const flags = head.getUint8(4);
    const v = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
    if (!(first & 0x80000000)) {
      const streamId = first & 0x7fffffff;
      if (!streamId) throw new SpdyProtocolError('data frame on stream 0');
      return { type: 'DATA', streamId, fin: (flags & 1) !== 0, data: payload };
    }
    const version = (first >>> 16) & 0x7fff;
    if (version !== SPDY_VERSION) throw new SpdyProtocolError(`unsupported SPDY version ${version}`);
    const type = first & 0xffff;
    const need = (n: number) => {
      if (payload.length < n) throw new SpdyProtocolError(`control frame ${type} too short`);
    };
    switch (type) {
      case FrameType.SYN_STREAM: {
        need(10);
        const streamId = v.getUint32(0) & 0x7fffffff;
        if (!streamId) throw new SpdyProtocolError('SYN_STREAM on stream 0');
        return { type: 'SYN_STREAM', streamId, associatedTo: v.getUint32(4) & 0x7fffffff, priority: payload[8] >> 5, slot: payload[9], fin: (flags & 1) !== 0, unidirectional: (flags & 2) !== 0, headers: this.decompressor.decompress(payload.subarray(10)) };
      }
      case FrameType.SYN_REPLY:
      case FrameType.HEADERS: {
        need(4);
        const streamId = v.getUint32(0) & 0x7fffffff;
        const headers = this.decompressor.decompress(payload.subarray(4));
        return { type: type === FrameType.SYN_REPLY ? 'SYN_REPLY' : 'HEADERS', streamId, fin: (flags & 1) !== 0, headers };
      }
      case FrameType.RST_STREAM:
        need(8);
        return { type: 'RST_STREAM', streamId: v.getUint32(0) & 0x7fffffff, status: v.getUint32(4) };
      case FrameType.SETTINGS: {
        need(4);
        const n = v.getUint32(0);
        need(4 + n * 8);
        const entries = Array.from({ length: n }, (_, i) => {
          const idf = v.getUint32(4 + i * 8);
          return { flags: idf >>> 24, id: idf & 0xffffff, value: v.getUint32(8 + i * 8) };
        });
        return { type: 'SETTINGS', clear: (flags & 1) !== 0, entries };
      }
      case FrameType.PING:
        need(4);
        return { type: 'PING', id: v.getUint32(0) };
      case FrameType.GOAWAY:
        need(8);
        return { type: 'GOAWAY', lastGoodStreamId: v.getUint32(0) & 0x7fffffff, status: v.getUint32(4) };
      case FrameType.WINDOW_UPDATE:
        need(8);
        return { type: 'WINDOW_UPDATE', streamId: v.getUint32(0) & 0x7fffffff, delta: v.getUint32(4) & 0x7fffffff };
      default:
        return undefined;
    }
  }
}

export { HeaderCompressor, HeaderDecompressor, SpdyProtocolError, type SpdyHeaders };
