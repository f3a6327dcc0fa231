/// <reference types="node" />
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { constants, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';
import { SPDY3_DICTIONARY } from '../../src/apiserver/streaming/spdy/dictionary';
import { decodeHeaderBlock, encodeHeaderBlock, HeaderCompressor } from '../../src/apiserver/streaming/spdy/header-block';
import { encodeFrame, FrameReader, RstStatus, SpdyProtocolError, type SpdyFrame } from '../../src/apiserver/streaming/spdy/frames';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

/** Runs a node:zlib stream over `input` and returns what a sync flush makes it emit. */
function flushThrough(z: Deflate | Inflate, input: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const onData = (c: Buffer) => out.push(c);
    z.on('data', onData);
    z.once('error', reject);
    z.write(input);
    z.flush(constants.Z_SYNC_FLUSH, () => {
      z.off('data', onData);
      resolve(new Uint8Array(Buffer.concat(out)));
    });
  });
}

function adler32(b: Uint8Array): number {
  let a = 1;
  let s = 0;
  for (const x of b) {
    a = (a + x) % 65521;
    s = (s + a) % 65521;
  }
  return ((s << 16) | a) >>> 0;
}

describe('SPDY/3 header dictionary', () => {
  it('is the 1,423 bytes of the spec', () => {
    expect(SPDY3_DICTIONARY.length).toBe(1423);
    expect(createHash('sha256').update(SPDY3_DICTIONARY).digest('hex')).toBe('51d27341373f923f3cd88e1eb7162aeaa3723d7585ff2399201dc06498407f02');
    expect(Buffer.from(SPDY3_DICTIONARY.subarray(0, 11)).toString('latin1')).toBe('\0\0\0\x07options');
  });
});

describe('SPDY/3.1 frames', () => {
  const c = new HeaderCompressor();

  it('encodes control frames byte for byte as the spec lays them out', () => {
    // PING (2.6.5): control bit + version 3, type 6, flags 0, length 4, the 32-bit id.
    expect(hex(encodeFrame({ type: 'PING', id: 1 }, c))).toBe('800300060000000400000001');
    // RST_STREAM (2.6.3): stream 3, status CANCEL (5).
    expect(hex(encodeFrame({ type: 'RST_STREAM', streamId: 3, status: RstStatus.CANCEL }, c))).toBe('80030003000000080000000300000005');
    // WINDOW_UPDATE (2.6.8): stream 1, delta 65536.
    expect(hex(encodeFrame({ type: 'WINDOW_UPDATE', streamId: 1, delta: 0x10000 }, c))).toBe('80030009000000080000000100010000');
    // GOAWAY (2.6.6): last good stream 5, status OK.
    expect(hex(encodeFrame({ type: 'GOAWAY', lastGoodStreamId: 5, status: 0 }, c))).toBe('80030007000000080000000500000000');
    // SETTINGS (2.6.4): one entry, INITIAL_WINDOW_SIZE (7) = 65536, flags 0.
    expect(hex(encodeFrame({ type: 'SETTINGS', clear: false, entries: [{ id: 7, value: 0x10000, flags: 0 }] }, c))).toBe('800300040000000c' + '00000001' + '00000007' + '00010000');
  });

  it('encodes a data frame: stream id, FLAG_FIN, 24-bit length, payload', () => {
    expect(hex(encodeFrame({ type: 'DATA', streamId: 1, fin: true, data: new TextEncoder().encode('hi') }, c))).toBe('00000001010000026869');
    expect(hex(encodeFrame({ type: 'DATA', streamId: 0x7fffffff, fin: false, data: new Uint8Array() }, c))).toBe('7fffffff00000000');
  });

  it('round-trips every frame type through the reader, one byte at a time', () => {
    const out = new HeaderCompressor();
    const frames: SpdyFrame[] = [
      { type: 'SYN_STREAM', streamId: 1, associatedTo: 0, priority: 0, slot: 0, fin: false, unidirectional: false, headers: { streamtype: ['error'], port: ['80'], requestid: ['0'] } },
      { type: 'SYN_REPLY', streamId: 1, fin: false, headers: {} },
      { type: 'DATA', streamId: 1, fin: true, data: new Uint8Array([1, 2, 3]) },
      { type: 'HEADERS', streamId: 3, fin: true, headers: { 'x-multi': ['a', 'b'] } },
      { type: 'RST_STREAM', streamId: 3, status: RstStatus.PROTOCOL_ERROR },
      { type: 'SETTINGS', clear: true, entries: [{ id: 4, value: 100, flags: 1 }] },
      { type: 'PING', id: 7 },
      { type: 'WINDOW_UPDATE', streamId: 0, delta: 1234 },
      { type: 'GOAWAY', lastGoodStreamId: 3, status: 2 },
    ];
    const wire = frames.map((f) => encodeFrame(f, out));
    const reader = new FrameReader();
    const got: SpdyFrame[] = [];
    for (const w of wire) for (const b of w) got.push(...reader.push(new Uint8Array([b])));
    expect(got).toEqual(frames);
  });

  it('skips unknown control frame types and refuses other versions', () => {
    const reader = new FrameReader();
    // Type 0x0a with a 4-byte payload, then a PING.
    expect(reader.push(bytes('8003000a 00000004 deadbeef 80030006 00000004 00000009'))).toEqual([{ type: 'PING', id: 9 }]);
    expect(() => new FrameReader().push(bytes('80020006 00000004 00000001'))).toThrow(SpdyProtocolError);
  });
});

describe('SPDY/3 header blocks', () => {
  it('lays out count, lengths, lower-case names and NUL-joined values', () => {
    expect(hex(encodeHeaderBlock({ Port: ['80'], v: ['a', 'b'] }))).toBe('00000002' + '00000004' + hex(Buffer.from('port')) + '00000002' + hex(Buffer.from('80')) + '00000001' + '76' + '00000003' + '610062');
    expect(decodeHeaderBlock(encodeHeaderBlock({ a: ['1'], b: ['x', 'y'] }))).toEqual({ a: ['1'], b: ['x', 'y'] });
    expect(() => decodeHeaderBlock(bytes('00000001 00000001 41 00000000'))).toThrow(SpdyProtocolError);
  });

  it('compresses successive blocks in one zlib stream against the dictionary, as node:zlib reads them', async () => {
    const compressor = new HeaderCompressor();
    const blocks = [{ streamtype: ['error'], port: ['80'], requestid: ['0'] }, { streamtype: ['data'], port: ['80'], requestid: ['0'] }, { streamtype: ['error'], port: ['8080'], requestid: ['1'] }];
    const wire = blocks.map((b) => compressor.compress(b));
    // The first block starts the zlib stream: FDICT set, DICTID = adler32 of the dictionary.
    expect(wire[0][0]).toBe(0x78);
    expect(wire[0][1] & 0x20).toBe(0x20);
    expect(new DataView(wire[0].buffer, wire[0].byteOffset).getUint32(2)).toBe(adler32(SPDY3_DICTIONARY));
    // Later blocks continue the stream (no header), and are smaller thanks to the shared window.
    expect(wire[1][0]).not.toBe(0x78);
    expect(wire[1].length).toBeLessThan(wire[0].length);
    const inflate = createInflate({ dictionary: Buffer.from(SPDY3_DICTIONARY) });
    for (let i = 0; i < blocks.length; i++) expect(decodeHeaderBlock(await flushThrough(inflate, wire[i]))).toEqual(blocks[i]);
  });

  it('decodes SYN_STREAMs whose blocks node:zlib compressed in one stream (as kubectl sends them)', async () => {
    const deflate = createDeflate({ dictionary: Buffer.from(SPDY3_DICTIONARY), level: 9 });
    const reader = new FrameReader();
    for (const [id, type] of [[1, 'error'], [3, 'data'], [5, 'error']] as const) {
      const block = await flushThrough(deflate, encodeHeaderBlock({ streamtype: [type], port: ['80'], requestid: [String((id - 1) >> 2)] }));
      const head = new Uint8Array(18);
      const v = new DataView(head.buffer);
      v.setUint32(0, 0x80030001);
      v.setUint32(4, 10 + block.length);
      v.setUint32(8, id);
      const [frame] = reader.push(new Uint8Array([...head, ...block]));
      expect(frame).toMatchObject({ type: 'SYN_STREAM', streamId: id, headers: { streamtype: [type], port: ['80'] } });
    }
  });
});
