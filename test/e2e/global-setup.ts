import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { freePort, startDevServer } from '../../scripts/lib/dev-server.mjs';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { kubeconfig, signAdminToken, signTenantToken } from '../../scripts/lib/tokens.mjs';
// @ts-expect-error plain ESM helpers shared with .ci/run
import { ensureTool } from '../../scripts/lib/client-tools.mjs';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { buildWeb } from '../../scripts/lib/build-web.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    kubeconfig: string;
    otherKubeconfig: string;
    serverUrl: string;
    caPem: string;
    /** An instructor's admin token for the classroom API (test/e2e/classroom.test.ts). */
    adminToken: string;
    helm: string;
  }
}

/**
 * Start one `wrangler dev` over https for the whole e2e run, with its own state folder, and
 * hand the tests a kubeconfig for a fresh tenant (and one for a second tenant).
 */
export default async function setup(project: TestProject) {
  // The dashboard the browser tests open is built from the working tree, never a stale one.
  buildWeb({ quiet: true });
  const dir = mkdtempSync(join(tmpdir(), 'kubeplay-e2e-'));
  const port = await freePort();
  const server = await startDevServer({ port, stateDir: join(dir, 'secrets'), persistTo: join(dir, 'state'), quiet: true, timingProfile: 'fast' });
  const make = async (tenant: string) => {
    const token = await signTenantToken(server.secrets.signingJwk, { tenant, user: `student:${tenant}`, groups: ['system:masters'] });
    const file = join(dir, `${tenant}.kubeconfig`);
    writeFileSync(file, kubeconfig({ server: `${server.url}/clusters/${tenant}`, caPem: server.secrets.caPem, token, tenant, user: tenant }));
    return file;
  };
  project.provide('kubeconfig', await make(`e2e-${process.pid}`));
  project.provide('otherKubeconfig', await make(`e2e-other-${process.pid}`));
  project.provide('serverUrl', server.url);
  project.provide('caPem', server.secrets.caPem);
  project.provide('adminToken', await signAdminToken(server.secrets.signingJwk));
  // helm is no part of most machines: the npm package that carries kubectl carries it too.
  project.provide('helm', ensureTool('helm'));
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
