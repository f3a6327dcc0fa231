// Builds the dashboard (web/) with Vite into web/dist, the Worker's static assets. Used by
// `npm start`, the end-to-end tests and the benches, so the page served is never stale.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/**
 * Run `vite build` for web/; throws with Vite's output when it fails. Vite builds into a
 * folder of its own, and only the files that changed are copied into web/dist (stale ones
 * removed): a running `wrangler dev` reloads on every change it sees in its assets, and a reload
 * drops the requests in flight, so a rebuild of the same dashboard must change nothing.
 */
export function buildWeb({ quiet = false } = {}) {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const staging = join(root, 'web', '.dist-build');
  rmSync(staging, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [vite, 'build', '--config', join(root, 'web', 'vite.config.ts'), '--outDir', staging, '--emptyOutDir', '--logLevel', quiet ? 'warn' : 'info'], {
    cwd: root,
    encoding: 'utf8',
    stdio: quiet ? 'pipe' : 'inherit',
  });
  if (r.status !== 0) throw new Error(`building the dashboard failed:\n${r.stdout ?? ''}\n${r.stderr ?? ''}`);
  syncFolder(staging, join(root, 'web', 'dist'));
  rmSync(staging, { recursive: true, force: true });
}

/** Make `to` hold exactly the files of `from`, writing only those whose bytes differ. */
function syncFolder(from, to) {
  const files = (dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath ?? d.path, d.name).slice(dir.length + 1)) : []);
  const wanted = new Set(files(from));
  for (const f of files(to)) if (!wanted.has(f)) rmSync(join(to, f));
  for (const f of wanted) {
    const src = join(from, f);
    const dst = join(to, f);
    if (existsSync(dst) && readFileSync(src).equals(readFileSync(dst))) continue;
    mkdirSync(dirname(dst), { recursive: true });
    cpSync(src, dst);
  }
}
