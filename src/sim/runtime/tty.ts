/**
 * An interactive shell on a terminal (`kubectl exec -it pod -- sh`): the terminal's line
 * discipline (echo, backspace, Ctrl-C, Ctrl-D, CR → NL, NL → CRNL on output) and the shell's
 * prompt (`/ # ` for busybox, `# ` for dash, `root@host:/# ` for bash).
 */
import { AbortSignal as SessionAbort, ExitSignal, type Shell } from './shell/interp';

/** The prompt `sh` prints before each line. */
export function prompt(sh: Shell): string {
  const home = sh.vars.get('HOME') ?? '/root';
  const cwd = sh.cwd === home ? '~' : sh.cwd;
  if (sh.argv0 === 'bash' || sh.image.shell === 'bash') return `root@${sh.vars.get('HOSTNAME') ?? ''}:${cwd}# `;
  if (sh.image.shell === 'busybox') return `${cwd} # `;
  return '# ';
}

/** Converts program output for a terminal (ONLCR). */
export const onlcr = (s: string) => s.replace(/\r?\n/g, '\r\n');

/**
 * A read-eval loop fed with terminal input. `feed` takes keystrokes; `done` resolves with the
 * exit status when the shell exits.
 */
export class InteractiveShell {
  private line = '';
  private queue: string[] = [];
  private running = false;
  private finished = false;
  private resolveDone!: (code: number) => void;
  /** Resolves with the shell's exit status. */
  readonly done = new Promise<number>((r) => (this.resolveDone = r));

  constructor(
    private readonly sh: Shell,
    private readonly write: (s: string) => void,
  ) {
    this.write(prompt(sh));
  }

  /** Keystrokes from the terminal. */
  feed(data: string): void {
    if (this.finished) return;
    for (const ch of data.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')) {
      if (this.running) {
        if (ch === '\x03') this.sh.aborted = true;
        else this.queue.push(ch);
        continue;
      }
      this.key(ch);
    }
  }

  /** Ends the session (client gone). */
  hangUp(): void {
    this.sh.aborted = true;
    this.finish(129);
  }

  private finish(code: number): void {
    if (this.finished) return;
    this.finished = true;
    this.resolveDone(code);
  }

  private key(ch: string): void {
    if (ch === '\r' || ch === '\n') {
      this.write('\r\n');
      const line = this.line;
      this.line = '';
      void this.run(line);
    } else if (ch === '\x7f' || ch === '\b') {
      if (this.line) {
        this.line = this.line.slice(0, -1);
        this.write('\b \b');
      }
    } else if (ch === '\x03') {
      this.line = '';
      this.write('^C\r\n' + prompt(this.sh));
    } else if (ch === '\x04') {
      if (!this.line) {
        if (this.sh.argv0 === 'bash') this.write('exit\r\n');
        this.finish(this.sh.status);
      }
    } else if (ch >= ' ' || ch === '\t') {
      this.line += ch;
      this.write(ch);
    }
  }

  private async run(line: string): Promise<void> {
    this.running = true;
    try {
      await this.sh.runScript(line, { stdin: '', out: (s) => this.write(onlcr(s)), err: (s) => this.write(onlcr(s)) });
    } catch (e) {
      if (e instanceof ExitSignal) return this.finish(e.code);
      if (e instanceof SessionAbort) {
        if (this.finished) return;
        this.sh.aborted = false;
        this.write('^C\r\n');
        this.sh.status = 130;
      } else throw e;
    } finally {
      this.running = false;
    }
    if (this.finished) return;
    if (this.sh.exitedWith !== undefined) return this.finish(this.sh.exitedWith);
    this.write(prompt(this.sh));
    const pending = this.queue.join('');
    this.queue = [];
    this.feed(pending);
  }
}
