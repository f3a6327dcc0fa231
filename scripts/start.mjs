// `npm start`: the local https API (workerd, embedded D1), a demo cluster and ./kubeconfig.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDevServer } from './lib/dev-server.mjs';
import { buildWeb } from './lib/build-web.mjs';
import { kubeconfig, signAdminToken, signTenantToken } from './lib/tokens.mjs';

const root = new URL('..', import.meta.url).pathname;
const port = Number(process.env.PORT ?? 8443);
const tenant = process.env.KUBEPLAY_TENANT ?? 'demo';

const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-openapi.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
buildWeb();

const server = await startDevServer({ port, stateDir: join(root, '.kubeplay'), persistTo: join(root, '.wrangler', 'state'), log: 'inherit' });
const token = await signTenantToken(server.secrets.signingJwk, { tenant, user: `student:${tenant}`, groups: ['system:masters'] });
const file = join(root, 'kubeconfig');
writeFileSync(file, kubeconfig({ server: `${server.url}/clusters/${tenant}`, caPem: server.secrets.caPem, token, tenant, user: `student-${tenant}` }), { mode: 0o600 });
// The instructor's admin token for the classroom API and `npx kubeplay` (read from this file).
const adminToken = await signAdminToken(server.secrets.signingJwk);
writeFileSync(join(root, '.kubeplay', 'admin-token'), `${adminToken}\n`, { mode: 0o600 });
console.log(`\nkubeplay is serving the cluster "${tenant}" at ${server.url}/clusters/${tenant}`);
console.log(`Try: kubectl --kubeconfig ./kubeconfig get nodes`);
// The token rides in the fragment (#token=…): browsers never send it, so it reaches no log.
console.log(`Dashboard: ${server.url}/#token=${token}`);
console.log(`Instructor (classrooms): ${server.url}/#token=${adminToken}`);
console.log(`Classrooms: npx kubeplay classroom create NAME --students alice,bob --out ./kubeconfigs\n`);

const shutdown = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
server.child.on('exit', (code) => process.exit(code ?? 0));
