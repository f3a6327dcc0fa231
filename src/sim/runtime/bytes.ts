/**
 * Bytes in the simulated shell's strings. Programs, pipes and files carry JavaScript strings;
 * text is what it looks like (UTF-8 decoded), and a byte that is not part of valid UTF-8 is kept
 * as the lone surrogate U+DC80+(byte−0x80) — Python's "surrogateescape" scheme (PEP 383). So
 * any byte sequence survives bytes → string → bytes unchanged (a tar stream through `kubectl
 * cp`, a binary file through `cat`), and text behaves as before. Convert at the edges only:
 * exec's stdin and stdout, and storage that cannot hold lone surrogates (SQLite TEXT).
 */

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8 = new TextEncoder();

/** Bytes → shell string: UTF-8 where valid, every other byte escaped. */
export function decodeBytes(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return decodeSlow(bytes);
  }
}

const escape = (b: number) => String.fromCharCode(0xdc00 + b);

/** The byte-by-byte path: shortest-form UTF-8 (no surrogates, ≤ U+10FFFF), as the standard requires. */
function decodeSlow(bytes: Uint8Array): string {
  const parts: string[] = [];
  let run = '';
  const cont = (i: number) => i < bytes.length && (bytes[i] & 0xc0) === 0x80;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let cp = -1;
    let n = 1;
    if (b < 0x80) cp = b;
    else if (b >= 0xc2 && b <= 0xdf && cont(i + 1)) {
      cp = ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
      n = 2;
    } else if (b >= 0xe0 && b <= 0xef && cont(i + 1) && cont(i + 2)) {
      const c = ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
      if (c >= 0x800 && (c < 0xd800 || c > 0xdfff)) {
        cp = c;
        n = 3;
      }
    } else if (b >= 0xf0 && b <= 0xf4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
      const c = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f);
      if (c >= 0x10000 && c <= 0x10ffff) {
        cp = c;
        n = 4;
      }
    }
    run += cp < 0 ? escape(b) : String.fromCodePoint(cp);
    i += n;
    if (run.length > 8192) {
      parts.push(run);
      run = '';
    }
  }
  parts.push(run);
  return parts.join('');
}

const SURROGATE = /[\ud800-\udfff]/;

/** Whether `s` has no lone surrogate (so any UTF-8 encoder keeps it exactly). */
export function isWellFormed(s: string): boolean {
  if (!SURROGATE.test(s)) return true;
  const native = (s as { isWellFormed?: () => boolean }).isWellFormed;
  if (native) return native.call(s);
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/** Shell string → bytes: UTF-8, escaped bytes restored; any other lone surrogate becomes U+FFFD. */
export function encodeBytes(s: string): Uint8Array {
  if (isWellFormed(s)) return utf8.encode(s);
  const out = new Uint8Array(s.length * 3);
  let o = 0;
  let start = 0;
  const flush = (end: number) => {
    if (end > start) o += utf8.encodeInto(s.slice(start, end), out.subarray(o)).written;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      i++;
      continue;
    }
    flush(i);
    if (c >= 0xdc80 && c <= 0xdcff) out[o++] = c - 0xdc00;
    else {
      out.set([0xef, 0xbf, 0xbd], o);
      o += 3;
    }
    start = i + 1;
  }
  flush(s.length);
  return out.slice(0, o);
}

/** How many bytes `s` stands for (what `wc -c` and `ls -l` count). */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else if (c >= 0xdc80 && c <= 0xdcff) n += 1;
    else n += 3;
  }
  return n;
}

/** Concatenates byte chunks (stdin frames) into one array. */
export function concatBytes(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
