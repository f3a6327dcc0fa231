/**
 * The one ustar field nanotar does not read: `prefix` (offset 345, 155 bytes), where a POSIX
 * writer puts the directories of a member name longer than 100 bytes. Go's archive/tar — so
 * kubectl cp — writes such names that way, and without the prefix the member would land in the
 * wrong directory. This walks the headers exactly as nanotar's parseTar does (same stop rule,
 * same extended headers consumed) and gives, for each member parseTar returns, its prefix.
 * GNU-format headers (magic `ustar  `) use those bytes for times, and a member named by a PAX or
 * GNU long-name header already has its whole name: neither gets a prefix.
 */

const EXTENDED = new Set(['x', 'g', 'L', 'N', 'K']);

function field(bytes: Uint8Array, at: number, size: number): string {
  const view = bytes.subarray(at, at + size);
  const nul = view.indexOf(0);
  return new TextDecoder().decode(nul < 0 ? view : view.subarray(0, nul));
}

/** The prefix of each member nanotar's parseTar returns for `bytes`, in its order (`''` for none). */
export function ustarPrefixes(bytes: Uint8Array): string[] {
  const out: string[] = [];
  let named = false;
  for (let at = 0; at < bytes.length - 512; ) {
    const header = at;
    if (!field(bytes, header, 100)) break;
    const size = Number.parseInt(field(bytes, header + 124, 12).trim() || '0', 8) || 0;
    const type = field(bytes, header + 156, 1) || '0';
    at += 512 + Math.ceil(size / 512) * 512;
    if (EXTENDED.has(type)) {
      // A PAX header with a path record, or a GNU long name, names the next member whole.
      if (type === 'x') named = field(bytes, header + 512, size).includes(' path=');
      else if (type !== 'g') named = true;
      continue;
    }
    const posix = field(bytes, header + 257, 6) === 'ustar' && bytes[header + 262] === 0;
    out.push(posix && !named ? field(bytes, header + 345, 155) : '');
    named = false;
  }
  return out;
}
