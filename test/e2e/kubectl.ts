import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inject } from 'vitest';

/** Where the versioned kubectl binaries (kubectl.1.27 … kubectl.1.33) sit, if anywhere. */
function kubectlDir(): string | undefined {
  const which = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).stdout.trim();
  if (!which) return undefined;
  return dirname(realpathSync(which));
}

/** The kubectl binary of a minor version, or the default kubectl when that one is missing. */
export function kubectlBinary(minor?: number): string {
  if (process.env.KUBECTL_BIN) return process.env.KUBECTL_BIN;
  const dir = kubectlDir();
  if (minor && dir && existsSync(join(dir, `kubectl.1.${minor}`))) return join(dir, `kubectl.1.${minor}`);
  return 'kubectl';
}

/** The minors to test: those installed beside kubectl, else just the default one. */
export function availableMinors(wanted: number[]): (number | undefined)[] {
  const dir = kubectlDir();
  const have = wanted.filter((m) => dir && existsSync(join(dir, `kubectl.1.${m}`)));
  return have.length ? have : [undefined];
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  out: string;
}

/** Run kubectl against the test cluster; stdin optional. Never throws on a non-zero exit. */
export function kubectl(args: string[], opts: { minor?: number; input?: string; kubeconfig?: string; env?: Record<string, string> } = {}): Run {
  const r = spawnSync(kubectlBinary(opts.minor), ['--kubeconfig', opts.kubeconfig ?? inject('kubeconfig'), '--request-timeout=20s', ...args], {
    encoding: 'utf8',
    input: opts.input,
    timeout: 60_000,
    env: { ...process.env, KUBECTL_KUBERC: 'false', ...opts.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** Poll `fn` (through kubectl, so the product never sleeps) until it is true or `ms` pass. */
export async function until(fn: () => boolean, ms = 45_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (fn()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return fn();
}
