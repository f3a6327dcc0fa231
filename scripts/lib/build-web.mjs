// Builds the dashboard (web/) with Vite into web/dist, the Worker's static assets. Used by
// `npm start`, the end-to-end tests and the benches, so the page served is never stale.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/** Run `vite build` for web/; throws with Vite's output when it fails. */
export function buildWeb({ quiet = false } = {}) {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', join(root, 'web', 'vite.config.ts'), '--logLevel', quiet ? 'warn' : 'info'], {
    cwd: root,
    encoding: 'utf8',
    stdio: quiet ? 'pipe' : 'inherit',
  });
  if (r.status !== 0) throw new Error(`building the dashboard failed:\n${r.stdout ?? ''}\n${r.stderr ?? ''}`);
}
