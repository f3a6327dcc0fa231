/**
 * This side's frames on a transport that keeps no frame boundaries (SPDY tunnelled in WebSocket
 * messages): frames sent in one turn of the event loop are batched into as few messages as fit,
 * and header blocks share this side's one compression context.
 */
import { encodeFrame, HeaderCompressor, type SpdyFrame } from './frames';

/** Largest transport message sent (several frames are batched into one). */
export const MAX_MESSAGE = 256 * 1024;

/** Encodes frames for `out`, one transport message per batch. */
export class FrameWriter {
  private readonly compressor = new HeaderCompressor();
  private queue: Uint8Array[] = [];
  private queued = 0;
  private scheduled = false;

  constructor(private readonly out: (message: Uint8Array) => void) {}

  /** Queues `frame`; it goes out with the others of this turn (at once past MAX_MESSAGE). */
  send(frame: SpdyFrame): void {
    const bytes = encodeFrame(frame, this.compressor);
    this.queue.push(bytes);
    this.queued += bytes.length;
    if (this.queued >= MAX_MESSAGE) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** Sends what is queued now. */
  flush(): void {
    this.scheduled = false;
    if (!this.queue.length) return;
    const msg = new Uint8Array(this.queued);
    let at = 0;
    for (const b of this.queue) {
      msg.set(b, at);
      at += b.length;
    }
    this.queue = [];
    this.queued = 0;
    this.out(msg);
  }
}
