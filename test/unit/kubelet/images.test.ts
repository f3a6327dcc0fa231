import { describe, it, expect } from 'vitest';
import { lookupImage, parseImageRef } from '../../../src/sim/images/catalog';
import { arithmetic, runProgram } from '../../../src/sim/images/shell';
import { containerBehaviour } from '../../../src/sim/images/behaviour';

describe('image catalog and behaviour', () => {
  it('normalises references as containerd does', () => {
    expect(parseImageRef('nginx').normalized).toBe('docker.io/library/nginx:latest');
    expect(parseImageRef('polinux/stress').normalized).toBe('docker.io/polinux/stress:latest');
    expect(parseImageRef('registry.k8s.io/hpa-example').normalized).toBe('registry.k8s.io/hpa-example:latest');
    expect(parseImageRef('localhost:5000/app:v1')).toMatchObject({ repository: 'localhost:5000/app', tag: 'v1' });
  });

  it('knows real tags and rejects unknown ones', () => {
    expect(lookupImage('nginx:1.25')?.kind).toBe('web');
    expect(lookupImage('nginx:doesnotexist')).toBeUndefined();
    expect(lookupImage('myorg/unknown')).toBeUndefined();
    expect(lookupImage('k8s.gcr.io/hpa-example')?.ports).toEqual([80]);
  });

  it('models busybox shell commands: sleep, echo, exit codes, files, loops', () => {
    const ctx = { env: { NAME: 'kube' }, hostname: 'web' };
    expect(runProgram(['sleep', '30'], ctx)).toMatchObject({ exitAfterMs: 30_000, exitCode: 0 });
    expect(runProgram(['sh', '-c', 'echo hello $NAME; exit 3'], ctx)).toMatchObject({ exitAfterMs: 0, exitCode: 3, logs: [{ atMs: 0, text: 'hello kube' }] });
    expect(runProgram(['false'], ctx).exitCode).toBe(1);
    expect(runProgram(['sh', '-c', 'echo start; sleep 3600'], ctx).exitAfterMs).toBe(3_600_000);
    expect(runProgram(['sh', '-c', 'sleep infinity'], ctx).exitAfterMs).toBeUndefined();
    expect(runProgram(['sh'], ctx)).toMatchObject({ exitAfterMs: 0, exitCode: 0 });
    const files = runProgram(['sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'], ctx).files;
    expect(files).toEqual([{ path: '/tmp/healthy', fromMs: 0, untilMs: 30_000 }]);
    const loop = runProgram(['sh', '-c', 'while true; do echo tick; sleep 5; done'], ctx);
    expect(loop).toMatchObject({ exitAfterMs: undefined, loop: { startMs: 0, periodMs: 5000, lines: [{ atMs: 0, text: 'tick' }] } });
    // A loop that counts prints its counter pass by pass.
    const ticker = runProgram(['sh', '-c', 'trap exit TERM; i=0; while true; do echo line $i; i=$((i+1)); sleep 1; done'], ctx);
    const head = ticker.loop!.render!(0, 3);
    expect(head.passes.map((pass) => pass.map((l) => l.text))).toEqual([['line 0'], ['line 1'], ['line 2']]);
    expect(ticker.loop?.render?.(2, 4).passes.map((pass) => pass[0].text)).toEqual(['line 2', 'line 3']);
    // Resumed where the last render's last pass started, it gives the same passes.
    expect(head.state).toEqual({ pass: 2, env: expect.objectContaining({ i: '2' }) });
    expect(ticker.loop?.render?.(2, 5, head.state).passes.map((pass) => pass[0].text)).toEqual(['line 2', 'line 3', 'line 4']);
    expect(arithmetic('(i + 2) * 3 - 10 / 4 % 3', { i: '1' })).toBe(7);
    // The course's load generator: `while sleep 0.01` never ends either.
    expect(runProgram(['sh', '-c', 'while sleep 0.01; do wget -q -O- http://php-apache; done'], ctx).exitAfterMs).toBeUndefined();
    expect(runProgram(['sh', '-c', 'false && echo no || echo yes'], ctx).logs.map((l) => l.text)).toEqual(['yes']);
    expect(runProgram(['sh', '-c', 'frobnicate'], ctx)).toMatchObject({ exitCode: 127, logs: [{ text: 'sh: frobnicate: not found' }] });
  });
});

describe('SIGTERM', () => {
  const pod = (image: string, args?: string[]) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', uid: 'u' }, spec: { containers: [{ name: 'c', image, ...(args ? { args } : {}) }] } });
  it('stops the daemons that handle it at once, and leaves stress to its grace period', () => {
    expect(containerBehaviour(pod('quay.io/fluentd_elasticsearch/fluentd:v2.5.2'), pod('quay.io/fluentd_elasticsearch/fluentd:v2.5.2').spec.containers[0], {}).sigterm).toEqual({ exitAfterMs: 100, exitCode: 0 });
    expect(containerBehaviour(pod('registry.k8s.io/pause:3.10'), pod('registry.k8s.io/pause:3.10').spec.containers[0], {}).sigterm).toBeDefined();
    const stress = pod('polinux/stress', ['stress', '--vm', '1']);
    expect(containerBehaviour(stress, stress.spec.containers[0], {}).sigterm).toBeUndefined();
  });
});

describe('Apache images', () => {
  it('log that Apache resumes normal operations, naming the pod IP for want of a ServerName', () => {
    const wp = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'wp', uid: 'u' }, spec: { containers: [{ name: 'wordpress', image: 'wordpress:6-apache' }] }, status: { podIP: '10.244.1.7' } };
    const texts = containerBehaviour(wp, wp.spec.containers[0], {}).timeline.logs.map((l) => l.text);
    expect(texts[0]).toBe('WordPress not found in /var/www/html - copying now...');
    expect(texts.some((t) => t.includes('using 10.244.1.7.'))).toBe(true);
    expect(texts.some((t) => /AH00163: Apache\/2\.4\.\d+ \(Debian\) PHP\/[\d.]+ configured -- resuming normal operations$/.test(t))).toBe(true);
  });
});
