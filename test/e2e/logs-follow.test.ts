import { describe, it, expect, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { inject } from 'vitest';
import { kubectl, kubectlBinary, until } from './kubectl';

const ns = 'logs-follow-e2e';
const k = (...args: string[]) => kubectl(['-n', ns, ...args]);

/**
 * A busybox counter: one line per `sleep 10` (10 ms in the fast profile), for `runFor` of
 * program time (a thousandth of it in real time).
 */
const counter = (name: string, runFor: string, restartPolicy = 'Never', extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  annotations:
    kubeplay.dev/run-for: ${runFor}
spec:
  restartPolicy: ${restartPolicy}
  containers:
  - name: count
    image: busybox
    command: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo \\"line $i\\"; sleep 10; done"]
${extra}`;

/** `kubectl logs -f …` spawned: its output as it arrives, and its end. */
function follow(...args: string[]) {
  const child = spawn(kubectlBinary(), ['--kubeconfig', inject('kubeconfig'), '-n', ns, 'logs', '-f', ...args], { env: { ...process.env, KUBECTL_KUBERC: 'false' } });
  const got = { out: '', err: '', chunks: 0, code: undefined as number | null | undefined };
  child.stdout.on('data', (d: Buffer) => {
    got.out += d.toString();
    got.chunks++;
  });
  child.stderr.on('data', (d: Buffer) => (got.err += d.toString()));
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve((got.code = code))));
  return { got, done, kill: () => child.kill() };
}

/** The counter's line numbers, checking each line is `line N`. */
function numbers(text: string): number[] {
  const lines = text.split('\n');
  expect(lines.pop()).toBe('');
  return lines.map((l) => {
    expect(l).toMatch(/^line \d+$/);
    return Number(l.slice(5));
  });
}

const consecutive = (ns: number[]) => ns.every((n, i) => i === 0 || n === ns[i - 1] + 1);

const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not done within ${ms} ms`)), ms))]);

describe('kubectl logs -f follows what a container writes', () => {
  beforeAll(() => {
    kubectl(['create', 'namespace', ns]);
  });

  it('shows each line as it is written, in order, and ends when the container exits', async () => {
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: counter('counter', '3000s') }).code).toBe(0);
    expect(await until(() => k('get', 'pod', 'counter', '-o', 'jsonpath={.status.phase}').stdout === 'Running')).toBe(true);
    const f = follow('counter');
    expect(await until(() => f.got.out.includes('\n'), 20_000)).toBe(true);
    // While the container still runs, kubectl is still following and has shown only part of the log.
    const seenWhileRunning = f.got.out;
    expect(k('get', 'pod', 'counter', '-o', 'jsonpath={.status.phase}').stdout).toBe('Running');
    expect(f.got.code).toBeUndefined();
    expect(await within(f.done, 30_000)).toBe(0);
    expect(k('get', 'pod', 'counter', '-o', 'jsonpath={.status.phase}').stdout).toBe('Succeeded');
    const lines = numbers(f.got.out);
    expect(lines[0]).toBe(1);
    expect(consecutive(lines)).toBe(true);
    expect(f.got.out.startsWith(seenWhileRunning) && f.got.out.length > seenWhileRunning.length).toBe(true);
    expect(f.got.chunks).toBeGreaterThan(1);
    // Nothing missed, nothing twice: the followed log is the container's whole log.
    expect(k('logs', 'counter').stdout).toBe(f.got.out);
    expect(f.got.err).toBe('');
  });

  it('shows --timestamps, --since-time and --limit-bytes as the kubelet does', () => {
    const stamped = k('logs', 'counter', '--timestamps').stdout.split('\n');
    expect(stamped[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z line 1$/);
    // kubectl sends --since-time in whole seconds: ask from the first line of the next second.
    const second = (line: string) => line.slice(0, 19);
    const n = stamped.findIndex((l) => l && second(l) > second(stamped[0]));
    expect(n).toBeGreaterThan(0);
    expect(k('logs', 'counter', `--since-time=${second(stamped[n])}Z`).stdout.split('\n')[0]).toBe(`line ${n + 1}`);
    expect(k('logs', 'counter', '--limit-bytes=10').stdout).toBe('line 1\nlin');
    const f = k('logs', '-f', 'counter', '--limit-bytes=7');
    expect(f).toMatchObject({ code: 0, stdout: 'line 1\n' });
  });

  it('starts from the last lines with --tail, then follows', async () => {
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: counter('tailed', '3000s') }).code).toBe(0);
    expect(await until(() => k('get', 'pod', 'tailed', '-o', 'jsonpath={.status.phase}').stdout === 'Running')).toBe(true);
    expect(await until(() => k('logs', 'tailed').stdout.split('\n').length > 10)).toBe(true);
    const f = follow('tailed', '--tail=3');
    expect(await within(f.done, 30_000)).toBe(0);
    const lines = numbers(f.got.out);
    expect(lines[0]).toBeGreaterThan(8);
    expect(consecutive(lines)).toBe(true);
    expect(lines.length).toBeGreaterThan(3);
    const all = k('logs', 'tailed').stdout;
    expect(all.endsWith(f.got.out)).toBe(true);
  });

  it('follows the container named with -c', async () => {
    const side = `  - name: web
    image: nginx
`;
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: counter('pair', '2000s', 'Never', side) }).code).toBe(0);
    expect(await until(() => k('get', 'pod', 'pair', '-o', 'jsonpath={.status.containerStatuses[?(@.name=="count")].state.running}').stdout !== '')).toBe(true);
    const f = follow('pair', '-c', 'count');
    expect(await within(f.done, 30_000)).toBe(0);
    expect(consecutive(numbers(f.got.out))).toBe(true);
    expect(k('logs', 'pair', '-c', 'count').stdout).toBe(f.got.out);
    // Without -c, kubectl picks the first container and says so.
    const web = follow('pair', '--tail=1');
    await until(() => web.got.err !== '', 20_000);
    expect(web.got.err).toContain('Defaulted container "count" out of: count, web');
    web.kill();
  });

  it('ends when the container exits, even though it restarts, as kubectl does', async () => {
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: counter('again', '1500s', 'Always') }).code).toBe(0);
    expect(await until(() => k('get', 'pod', 'again', '-o', 'jsonpath={.status.phase}').stdout === 'Running')).toBe(true);
    const f = follow('again');
    expect(await within(f.done, 30_000)).toBe(0);
    const lines = numbers(f.got.out);
    expect(lines[0]).toBe(1);
    expect(consecutive(lines)).toBe(true);
    expect(await until(() => Number(k('get', 'pod', 'again', '-o', 'jsonpath={.status.containerStatuses[0].restartCount}').stdout) >= 1)).toBe(true);
    // The run it followed is now the previous one (every run prints the same lines).
    expect(k('logs', 'again', '--previous').stdout).toBe(f.got.out);
  });

  it('refuses to follow a container that has not started', () => {
    const pending = `apiVersion: v1
kind: Pod
metadata:
  name: later
  annotations:
    kubeplay.dev/start-delay: 3600s
spec:
  containers:
  - name: app
    image: busybox
    command: ["sleep", "3600"]
`;
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: pending }).code).toBe(0);
    const r = k('logs', '-f', 'later');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/container "app" in pod "later" is waiting to start: ContainerCreating/);
  });
});
