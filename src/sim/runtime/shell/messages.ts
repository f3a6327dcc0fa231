/**
 * Error wording of the image's shell and tools: busybox (ash, applets) or Debian (dash, bash,
 * GNU coreutils). Strings follow the programs' own messages.
 */
import type { Errno } from '../view';
import type { Shell } from './interp';

/** strerror() of an errno, as glibc and musl print it. */
export function strerror(code: Errno, busybox = false): string {
  const text: Record<Errno, string> = {
    ENOENT: 'No such file or directory',
    EISDIR: 'Is a directory',
    ENOTDIR: 'Not a directory',
    EROFS: 'Read-only file system',
    EEXIST: 'File exists',
    ENOSPC: 'No space left on device',
    ENOTEMPTY: 'Directory not empty',
    EBUSY: busybox ? 'Resource busy' : 'Device or resource busy',
  };
  return text[code];
}

/** Whether the image's tools are busybox applets (else GNU coreutils). */
export function isBusybox(sh: Shell): boolean {
  return sh.image.shell === 'busybox';
}

/** The prefix a shell puts before its own errors: `sh: `, `sh: 1: ` (dash), `bash: `. */
function prefix(sh: Shell): string {
  return sh.image.shell === 'dash' && sh.argv0 !== 'bash' ? `${sh.argv0}: 1: ` : `${sh.argv0}: `;
}

/** `sh: foo: not found` and its dash/bash variants. */
export function notFoundMessage(sh: Shell, name: string): string {
  if (sh.image.shell === 'busybox') return `${sh.argv0}: ${name}: not found\n`;
  if (sh.image.shell === 'bash' || sh.argv0 === 'bash') return name.includes('/') ? `${sh.argv0}: ${name}: No such file or directory\n` : `${sh.argv0}: ${name}: command not found\n`;
  return `${prefix(sh)}${name}: not found\n`;
}

/** A failed redirection (`> file`, `< file`). */
export function fsMessage(sh: Shell, op: 'redirect' | 'redirect-in', target: string, code: Errno): string {
  if (sh.image.shell === 'busybox') {
    if (op === 'redirect-in') return `${sh.argv0}: can't open '${target}': ${strerror(code, true)}\n`;
    return `${sh.argv0}: can't create ${target}: ${code === 'ENOENT' ? 'nonexistent directory' : strerror(code, true)}\n`;
  }
  if (sh.image.shell === 'bash' || sh.argv0 === 'bash') return `${sh.argv0}: ${target}: ${strerror(code)}\n`;
  if (op === 'redirect-in') return `${prefix(sh)}cannot open ${target}: No such file\n`;
  return `${prefix(sh)}cannot create ${target}: ${code === 'ENOENT' ? 'Directory nonexistent' : strerror(code)}\n`;
}
