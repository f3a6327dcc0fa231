/**
 * tar's command line, as GNU tar and busybox tar read it: the old style (`tar cf - dir`: the
 * first word is a bundle of letters whose value letters take the following words in order), the
 * short style (`-xmf - -C dir`, values glued or in the next word) and long options
 * (`--no-same-owner`, `--file=F`, `--directory D`). kubectl cp runs `tar cf - PATH`,
 * `tar -xmf - [-C DIR]` and, with --no-preserve, `tar --no-same-permissions --no-same-owner -xmf -`.
 */

/** What one tar invocation asks for. */
export interface TarArgs {
  mode?: 'c' | 'x' | 't';
  /** Archive path; `-` (or none) is stdin/stdout. */
  file?: string;
  /** `-C DIR`: where members are read from or written to. */
  dir?: string;
  verbose: boolean;
  gzip: boolean;
  /** `-O`: extract file contents to stdout. */
  toStdout: boolean;
  /** `-P`: keep leading `/` (GNU tar only). */
  absolute: boolean;
  /** `-k`: do not replace existing files. */
  keepOld: boolean;
  members: string[];
  /** The first option tar does not know, as it names it (`--foo`, `-q`). */
  unknown?: string;
  /** Two of c/x/t were given. */
  twoModes?: boolean;
  /** An option that needs a value was last. */
  missingValue?: string;
}

/** Letters that take a value. */
const VALUED = new Set(['f', 'C', 'T', 'X', 'b']);
/** Letters accepted and without effect here: no owners, modes or mtimes in the simulated filesystem. */
const QUIET = new Set(['m', 'o', 'p', 'h', 's', 'U', 'W']);

/** Long options and the letter each stands for (`''`: accepted, no effect). */
const LONG: Record<string, string> = {
  create: 'c', extract: 'x', get: 'x', list: 't', verbose: 'v', gzip: 'z', gunzip: 'z', ungzip: 'z',
  'to-stdout': 'O', 'absolute-names': 'P', 'keep-old-files': 'k', file: 'f', directory: 'C',
  touch: '', 'no-same-permissions': '', 'no-same-owner': '', 'same-owner': '', 'same-permissions': '',
  'preserve-permissions': '', 'numeric-owner': '', overwrite: '', 'no-overwrite-dir': '', dereference: '',
  'delay-directory-restore': '', 'no-recursion': '', 'warning': '', 'exclude': '', 'strip-components': '',
};
const LONG_VALUED = new Set(['file', 'directory', 'warning', 'exclude', 'strip-components']);

/** Parses tar's arguments (argv[0] is `tar`). */
export function parseTarArgs(argv: string[]): TarArgs {
  const a: TarArgs = { verbose: false, gzip: false, toStdout: false, absolute: false, keepOld: false, members: [] };
  const words = argv.slice(1);
  let i = 0;
  const take = (letter: string): string | undefined => {
    if (i >= words.length) {
      a.missingValue ??= letter;
      return undefined;
    }
    return words[i++];
  };
  const letter = (c: string, value?: string): void => {
    if (c === 'c' || c === 'x' || c === 't') {
      if (a.mode && a.mode !== c) a.twoModes = true;
      a.mode = c;
    } else if (c === 'v') a.verbose = true;
    else if (c === 'z') a.gzip = true;
    else if (c === 'O') a.toStdout = true;
    else if (c === 'P') a.absolute = true;
    else if (c === 'k') a.keepOld = true;
    else if (c === 'f') a.file = value;
    else if (c === 'C') a.dir = value;
    else if (VALUED.has(c) || QUIET.has(c) || c === '') return;
    else a.unknown ??= `-${c}`;
  };
  // Old style: a first word without a dash is a bundle of letters.
  if (words.length && !words[0].startsWith('-')) {
    const bundle = words[i++];
    for (const c of bundle) letter(c, VALUED.has(c) ? take(c) : undefined);
  }
  let operandsOnly = false;
  while (i < words.length) {
    const w = words[i++];
    if (operandsOnly || w === '-' || !w.startsWith('-')) a.members.push(w);
    else if (w === '--') operandsOnly = true;
    else if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const name = w.slice(2, eq < 0 ? undefined : eq);
      if (!(name in LONG)) {
        a.unknown ??= w;
        continue;
      }
      const value = LONG_VALUED.has(name) ? (eq >= 0 ? w.slice(eq + 1) : take(name)) : undefined;
      letter(LONG[name], value);
    } else {
      for (let j = 1; j < w.length; j++) {
        const c = w[j];
        if (VALUED.has(c)) {
          letter(c, j + 1 < w.length ? w.slice(j + 1) : take(c));
          break;
        }
        letter(c);
      }
    }
  }
  return a;
}

/** Whether this tar reads its archive from stdin (extract or list without `-f FILE`). */
export function tarReadsStdin(argv: string[]): boolean {
  const a = parseTarArgs(argv);
  return (a.mode === 'x' || a.mode === 't') && (a.file === undefined || a.file === '-');
}
