/**
 * SPDY/3 name/value header blocks (draft 3, section 2.6.10): a 32-bit count of pairs, then for
 * each pair a 32-bit length and the name (lower case), a 32-bit length and the value (several
 * values of one name joined by NUL). On the wire the block is zlib-compressed against the SPDY/3
 * dictionary with ONE compression context per direction for the whole session: each block ends
 * with a sync flush, so the receiver can decode it at once, and the next block continues the
 * same stream. pako does the zlib work.
 */
import { Deflate, Inflate, Z_SYNC_FLUSH } from 'pako';
import { SPDY3_DICTIONARY } from './dictionary';

/** Header names (lower case) to their values, in the order they were added. */
export type SpdyHeaders = Record<string, string[]>;

/** A malformed frame or header block: the session answers with RST_STREAM or GOAWAY. */
export class SpdyProtocolError extends Error {}

const enc = new TextEncoder();
const dec = new TextDecoder();

function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

/** The uncompressed name/value block of `headers` (names lower-cased). */
export function encodeHeaderBlock(headers: SpdyHeaders): Uint8Array {
  const names = Object.keys(headers);
  const out: number[] = u32(names.length);
  for (const name of names) {
    const n = enc.encode(name.toLowerCase());
    const v = enc.encode(headers[name].join('\0'));
    out.push(...u32(n.length), ...n, ...u32(v.length), ...v);
  }
  return new Uint8Array(out);
}

/** Parses an uncompressed name/value block. Throws SpdyProtocolError on a malformed one. */
export function decodeHeaderBlock(block: Uint8Array): SpdyHeaders {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  let at = 0;
  const need = (n: number) => {
    if (at + n > block.length) throw new SpdyProtocolError('truncated header block');
  };
  need(4);
  const count = view.getUint32(at);
  at += 4;
  const headers: SpdyHeaders = {};
  for (let i = 0; i < count; i++) {
    need(4);
    const nl = view.getUint32(at);
    at += 4;
    need(nl);
    const name = dec.decode(block.subarray(at, at + nl));
    at += nl;
    need(4);
    const vl = view.getUint32(at);
    at += 4;
    need(vl);
    const value = dec.decode(block.subarray(at, at + vl));
    at += vl;
    // Names must be lower case and unique (section 2.6.10); an empty name is invalid.
    if (!name || name !== name.toLowerCase() || name in headers) throw new SpdyProtocolError(`invalid header name ${JSON.stringify(name)}`);
    headers[name] = value.split('\0');
  }
  return headers;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** One direction's compression context: compress each header block in turn. */
export class HeaderCompressor {
  private readonly deflate = new Deflate({ dictionary: SPDY3_DICTIONARY });
  private chunks: Uint8Array[] = [];

  constructor() {
    this.deflate.onData = (c) => this.chunks.push(c);
  }

  /** The compressed bytes of `headers`, continuing this context's zlib stream. */
  compress(headers: SpdyHeaders): Uint8Array {
    this.chunks = [];
    if (!this.deflate.push(encodeHeaderBlock(headers), Z_SYNC_FLUSH)) throw new Error(`header compression failed: ${this.deflate.msg}`);
    return concat(this.chunks);
  }
}

/** The other direction's context: decompress each received header block in turn. */
export class HeaderDecompressor {
  private readonly inflate = new Inflate({ dictionary: SPDY3_DICTIONARY });
  private chunks: Uint8Array[] = [];

  constructor() {
    this.inflate.onData = (c) => this.chunks.push(c);
  }

  /** The header block carried by `compressed` (one frame's worth of this context's stream). */
  decompress(compressed: Uint8Array): SpdyHeaders {
    this.chunks = [];
    if (!this.inflate.push(compressed, Z_SYNC_FLUSH) || this.inflate.err) throw new SpdyProtocolError(`header block does not decompress: ${this.inflate.msg || this.inflate.err}`);
    return decodeHeaderBlock(concat(this.chunks));
  }
}
