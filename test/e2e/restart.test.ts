import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectl, until } from './kubectl';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { freePort, startDevServer } from '../../scripts/lib/dev-server.mjs';
// @ts-expect-error plain ESM helpers shared with `npm start`
import { kubeconfig, signTenantToken } from '../../scripts/lib/tokens.mjs';

const dir = mkdtempSync(join(tmpdir(), 'kubeplay-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const manifest = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 6
  minReadySeconds: 2
  strategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: ${image}
`;

describe('a cluster restarted in the middle of a rollout', () => {
  it('resumes the rollout from its stored state and completes it with nothing lost', async () => {
    // Its own dev server (same state folder across the restart), so the shared one is untouched.
    const port = await freePort();
    const opts = { port, stateDir: join(dir, 'secrets'), persistTo: join(dir, 'state'), quiet: true, timingProfile: 'fast' };
    let server = await startDevServer(opts);
    const token = await signTenantToken(server.secrets.signingJwk, { tenant: 'restart', user: 'student:restart', groups: ['system:masters'] });
    const file = join(dir, 'kubeconfig');
    writeFileSync(file, kubeconfig({ server: `${server.url}/clusters/restart`, caPem: server.secrets.caPem, token, tenant: 'restart', user: 'restart' }));
    const k = (...args: string[]) => kubectl(args, { kubeconfig: file });
    try {
      expect(kubectl(['apply', '-f', '-'], { kubeconfig: file, input: manifest('nginx:1.25') }).code).toBe(0);
      expect(k('rollout', 'status', 'deploy/web', '--timeout=60s').code).toBe(0);
      expect(kubectl(['apply', '-f', '-'], { kubeconfig: file, input: manifest('nginx:1.26') }).code).toBe(0);
      // Stop once the new ReplicaSet has some pods but the old one still has some too.
      const images = () => k('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={range .items[*]}{.spec.containers[0].image}{"\\n"}{end}').stdout.trim().split('\n');
      expect(await until(() => { const i = images(); return i.includes('nginx:1.26') && i.includes('nginx:1.25'); }, 30_000)).toBe(true);
      await server.stop();

      server = await startDevServer(opts);
      // kubectl's request timeout (20 s) may end one `rollout status` on a busy machine: ask again.
      expect(await until(() => /successfully rolled out/.test(k('rollout', 'status', 'deploy/web', '--timeout=15s').stdout), 90_000)).toBe(true);
      expect(await until(() => { const i = images(); return i.length === 6 && i.every((x) => x === 'nginx:1.26'); }, 30_000)).toBe(true);
      expect(k('get', 'deploy', 'web', '--no-headers').stdout).toMatch(/^web +6\/6 +6 +6 /);
      expect(k('rollout', 'history', 'deploy/web').stdout).toMatch(/^1 +<none>\n2 +<none>/m);
      const rs = k('get', 'rs', '-l', 'app=web', '--no-headers').stdout.trim().split('\n');
      expect(rs).toHaveLength(2);
      expect(rs.map((l) => l.split(/ +/).slice(1, 4).join(' ')).sort()).toEqual(['0 0 0', '6 6 6']);
    } finally {
      await server.stop();
    }
  });
});
