import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { kubectl } from './kubectl';

const ns = 'helm-e2e';
const chart = fileURLToPath(new URL('../fixtures/charts/demo', import.meta.url));
/**
 * helm runs against the second test cluster: in the shared one, after the other files, the
 * upgrade's Deployment went 1→2 replicas and straight back to 1 and `--wait` never ended (an open
 * bug, not reproduced in a fresh cluster; see the session note).
 */
const cluster = () => inject('otherKubeconfig');
const k = (...args: string[]) => kubectl(args, { kubeconfig: cluster() });

/** Run helm 4 (it applies server-side and waits with watches) against the test cluster. */
function helm(...args: string[]) {
  const r = spawnSync(inject('helm'), ['--kubeconfig', cluster(), '-n', ns, ...args], { encoding: 'utf8', timeout: 150_000 });
  return { code: r.status ?? -1, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

describe('helm', () => {
  it('installs a chart and waits for it to be ready', () => {
    k('create', 'namespace', ns);
    const r = helm('install', 'demo', chart, '--wait', '--timeout', '120s');
    expect(r.out).toMatch(/STATUS: deployed/);
    expect(r.code).toBe(0);
    expect(k('get', 'deploy', 'demo-web', '-n', ns, '--no-headers').stdout).toMatch(/^demo-web +1\/1 +1 +1 /);
    expect(k('get', 'cm', 'demo-config', '-n', ns, '-o', 'jsonpath={.data.greeting}').stdout).toBe('hello');
    expect(k('get', 'secret', 'demo-secret', '-n', ns, '-o', 'jsonpath={.data.password}').stdout).toBe(btoa('s3cret'));
    expect(k('get', 'svc', 'demo-web', '-n', ns, '-o', 'jsonpath={.spec.ports[0].port}').stdout).toBe('80');
    // helm applies server-side: its field manager owns what the chart sets.
    expect(k('get', 'cm', 'demo-config', '-n', ns, '--show-managed-fields', '-o', 'jsonpath={.metadata.managedFields[*].operation}').stdout).toContain('Apply');
  });

  it('upgrades, lists, rolls back and uninstalls', () => {
    const up = helm('upgrade', 'demo', chart, '--set', 'replicaCount=2,greeting=bonjour', '--wait', '--timeout', '120s');
    expect(up.out).toMatch(/Release "demo" has been upgraded/);
    expect(k('get', 'deploy', 'demo-web', '-n', ns, '--no-headers').stdout).toMatch(/^demo-web +2\/2 +2 +2 /);
    expect(k('get', 'cm', 'demo-config', '-n', ns, '-o', 'jsonpath={.data.greeting}').stdout).toBe('bonjour');
    expect(helm('list').out).toMatch(/^demo\s+helm-e2e\s+2\s.*\sdeployed\s+demo-0\.1\.0\s/m);

    expect(helm('rollback', 'demo', '1', '--wait', '--timeout', '120s').out).toMatch(/Rollback was a success/);
    expect(k('get', 'cm', 'demo-config', '-n', ns, '-o', 'jsonpath={.data.greeting}').stdout).toBe('hello');
    expect(helm('history', 'demo').out).toMatch(/^3\s.*\sdeployed\s.*Rollback to 1/m);

    expect(helm('uninstall', 'demo', '--wait').out).toMatch(/release "demo" uninstalled/);
    expect(helm('list').out).not.toMatch(/^demo\s/m);
    expect(k('get', 'deploy,cm,secret,svc', '-n', ns, '-l', 'app.kubernetes.io/instance=demo', '--no-headers').out).not.toMatch(/demo-web/);
  });
});
