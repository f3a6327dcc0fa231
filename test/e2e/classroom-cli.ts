import { inject } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { kubectl, kubectlBinary } from './kubectl';

const cli = join(new URL('../..', import.meta.url).pathname, 'src', 'cli', 'index.mjs');

/**
 * An instructor's `kubeplay` CLI against the test server, and its students' kubectl, for the
 * classroom e2e files: `open()` in beforeAll makes the folder (the CA, the kubeconfigs),
 * `close()` in afterAll removes it.
 */
export function classroomCli(prefix: string) {
  let dir = '';
  let ca = '';
  const kubeplay = (...args: string[]) => {
    const r = spawnSync(process.execPath, [cli, ...args, '--server', inject('serverUrl'), '--token', inject('adminToken'), '--ca', ca], { encoding: 'utf8', timeout: 300_000 });
    return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
  };
  const kc = (student: string) => join(dir, 'kubeconfigs', `${student}.kubeconfig`);
  return {
    kubeplay,
    kc,
    /** kubectl as a student. */
    as: (student: string, ...args: string[]) => kubectl(args, { kubeconfig: kc(student) }),
    /** Run a solution script as a student would, kubectl on the PATH and KUBECONFIG set. */
    solve(student: string, script: string) {
      const bin = kubectlBinary();
      const path = bin.includes('/') ? `${dirname(bin)}:${process.env.PATH}` : process.env.PATH;
      const r = spawnSync('bash', ['-e', '-c', script], { encoding: 'utf8', timeout: 300_000, env: { ...process.env, PATH: path, KUBECONFIG: kc(student), KUBECTL_KUBERC: 'false' } });
      return { code: r.status ?? -1, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
    },
    /** Where the kubeconfigs go (`--out`). */
    kubeconfigs: () => join(dir, 'kubeconfigs'),
    open() {
      dir = mkdtempSync(join(tmpdir(), prefix));
      ca = join(dir, 'ca.crt');
      writeFileSync(ca, inject('caPem'));
    },
    close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
