/**
 * What a container's main process writes when it starts, applied to the filesystem once per
 * container start: the image's own start-up files (MySQL's InnoDB files in /var/lib/mysql,
 * WordPress copying itself into /var/www/html) and, for a command such as
 * `sh -c "echo hi > /cache/msg && sleep 3600"`, the files its script writes before it first
 * waits. Output goes to the logs (sim/images/shell.ts renders them), not here.
 */
import type { KubeObject } from '../../apiserver/types';
import { containerStatus, containerView, metaVol, processEnv, type RuntimeCtx } from './container';
import { processShell } from './session';
import { ExitSignal } from './shell/interp';
import { FsError } from './view';

/** Thrown by `sleep` during a start-up run: the script's first wait ends what is applied now. */
class StopAtWait {}

const SERVER_BINARIES = new Set(['nginx', 'httpd', 'httpd-foreground', 'apache2-foreground', 'redis-server', 'postgres', 'mysqld', 'docker-entrypoint.sh', 'stress', 'agnhost', 'pause']);

/** The program a container runs, when it is not the image's own server (undefined then). */
export function customProgram(c: any): string[] | undefined {
  const argv: string[] = c.command ? [...c.command, ...(c.args ?? [])] : (c.args ?? []);
  if (!argv.length) return undefined;
  const first = String(argv[0]).replace(/^.*\//, '');
  return SERVER_BINARIES.has(first) ? undefined : argv;
}

function touchAll(view: ReturnType<typeof containerView>['view'], dirs: string[], files: Record<string, string>): void {
  try {
    for (const d of dirs) view.mkdir(d, true);
    for (const [f, data] of Object.entries(files)) {
      view.mkdir(f.slice(0, f.lastIndexOf('/')) || '/', true);
      if (!view.stat(f)) view.write(f, data);
    }
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
  }
}

/**
 * Applies the start-up writes of every container instance of `pod` that has started and was
 * not applied yet (init containers first). Returns how many were applied.
 */
export async function applyStartups(rt: RuntimeCtx, pod: KubeObject): Promise<number> {
  const uid = pod.metadata.uid ?? '';
  if (!uid) return 0;
  let n = 0;
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    const st = containerStatus(pod, c.name);
    const started = st?.state?.running || st?.state?.terminated?.startedAt?.slice(0, 4) > '1970';
    if (!started) continue;
    const marker = `/started/${c.name}/${st.restartCount ?? 0}`;
    if (rt.files.get(metaVol(uid), marker)) continue;
    rt.files.put(metaVol(uid), marker, { kind: 'f', data: '' });
    n++;
    const { view, image } = containerView(rt, pod, c);
    processEnv(rt, pod, c, image); // the environment is fixed now, at the container's start
    touchAll(view, image.startupDirs ?? [], image.startupFiles ?? {});
    const argv = customProgram(c);
    if (!argv) continue;
    const sh = processShell(rt, pod, c, {
      sleep: async (ms) => {
        if (ms > 0) throw new StopAtWait();
      },
      killMain: () => {},
    });
    sh.argv0 = argv[0];
    try {
      await sh.exec(argv, { stdin: '', out: () => {}, err: () => {} });
    } catch (e) {
      if (!(e instanceof StopAtWait) && !(e instanceof ExitSignal) && !(e instanceof FsError)) throw e;
    }
  }
  return n;
}
