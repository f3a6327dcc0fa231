import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableMinors, kubectl, until } from './kubectl';

const pods = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  city: Paris
---
apiVersion: v1
kind: Pod
metadata:
  name: box
spec:
  containers:
  - name: main
    image: busybox
    command: ["sleep", "3600"]
    volumeMounts:
    - { name: cfg, mountPath: /etc/config }
    - { name: shared, mountPath: /shared }
  - name: web
    image: nginx
    volumeMounts:
    - { name: shared, mountPath: /shared }
  volumes:
  - name: cfg
    configMap: { name: cfg }
  - name: shared
    emptyDir: {}
---
apiVersion: v1
kind: Pod
metadata:
  name: bare
spec:
  containers:
  - name: pause
    image: registry.k8s.io/pause:3.10
`;

/** Bytes no text decoder would keep: NULs, bytes ≥ 0x80, an invalid UTF-8 sequence, a CR. */
function binaryBlob(): Buffer {
  const b = Buffer.alloc(70_000);
  let seed = 42;
  for (let i = 0; i < b.length; i++) b[i] = ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
  b.set([0, 0, 0xff, 0xfe, 0x80, 0xc3, 0x28, 0x0d, 0x0a, 0], 0);
  return b;
}

describe.each(availableMinors([30, 33]))('kubectl cp (kubectl 1.%s)', (minor) => {
  const ns = `cp-e2e-${minor ?? 'default'}`;
  const k = (...args: string[]) => kubectl(['-n', ns, ...args], { minor });
  const local = mkdtempSync(join(tmpdir(), 'kubeplay-cp-'));

  beforeAll(async () => {
    kubectl(['create', 'namespace', ns]);
    expect(kubectl(['apply', '-n', ns, '-f', '-'], { input: pods }).code).toBe(0);
    expect(await until(() => /^box +2\/2 +Running /m.test(k('get', 'pod', 'box').stdout) && /^bare +1\/1 +Running /m.test(k('get', 'pod', 'bare').stdout))).toBe(true);
  });

  it('copies a local file into a container and exec reads it back', () => {
    writeFileSync(join(local, 'hello.txt'), 'hello from the laptop\nsecond line: é\n');
    const r = k('cp', join(local, 'hello.txt'), 'box:/tmp/hello.txt', '-c', 'main');
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
    expect(k('exec', 'box', '-c', 'main', '--', 'cat', '/tmp/hello.txt').stdout).toBe('hello from the laptop\nsecond line: é\n');
    // Into an existing directory: the file keeps its name.
    expect(k('cp', join(local, 'hello.txt'), 'box:/shared', '-c', 'main').code).toBe(0);
    expect(k('exec', 'box', '-c', 'main', '--', 'ls', '/shared').stdout).toBe('hello.txt\n');
  });

  it('copies a directory tree in and out', () => {
    const src = join(local, 'site');
    mkdirSync(join(src, 'css'), { recursive: true });
    writeFileSync(join(src, 'index.html'), '<h1>copied</h1>\n');
    writeFileSync(join(src, 'css', 'main.css'), 'h1 { color: teal }\n');
    expect(k('cp', src, 'box:/tmp/site', '-c', 'main').code).toBe(0);
    expect(k('exec', 'box', '-c', 'main', '--', 'cat', '/tmp/site/css/main.css').stdout).toBe('h1 { color: teal }\n');
    const back = join(local, 'site-back');
    const r = k('cp', 'box:/tmp/site', back, '-c', 'main');
    expect(r.code).toBe(0);
    // busybox tar strips the leading slash and says so, as on a real cluster.
    expect(r.out).toBe("tar: removing leading '/' from member names\n");
    expect(readFileSync(join(back, 'index.html'), 'utf8')).toBe('<h1>copied</h1>\n');
    expect(readFileSync(join(back, 'css', 'main.css'), 'utf8')).toBe('h1 { color: teal }\n');
  });

  it('copies a deep tree whose paths are longer than 100 bytes into the pod', () => {
    const deep = join('deep', 'a'.repeat(60), 'b'.repeat(60));
    mkdirSync(join(local, deep), { recursive: true });
    writeFileSync(join(local, deep, 'leaf.txt'), 'at the bottom\n');
    expect(k('cp', join(local, 'deep'), 'box:/tmp/deep', '-c', 'main').code).toBe(0);
    expect(k('exec', 'box', '-c', 'main', '--', 'cat', `/tmp/${deep}/leaf.txt`).stdout).toBe('at the bottom\n');
  });

  it('copies a binary file in and out byte for byte', () => {
    const blob = binaryBlob();
    writeFileSync(join(local, 'blob.bin'), blob);
    expect(k('cp', join(local, 'blob.bin'), 'box:/shared/blob.bin', '-c', 'main').code).toBe(0);
    expect(k('exec', 'box', '-c', 'main', '--', 'wc', '-c', '/shared/blob.bin').stdout.trim()).toBe(`${blob.length} /shared/blob.bin`);
    // Out of the other container, through the volume they share (GNU tar in nginx).
    const out = join(local, 'blob.out');
    const r = k('cp', 'box:/shared/blob.bin', out, '-c', 'web');
    expect(r.code).toBe(0);
    expect(r.out).toBe("tar: Removing leading `/' from member names\n");
    expect(readFileSync(out).equals(blob)).toBe(true);
  });

  it('copies into the named container with -c', () => {
    writeFileSync(join(local, 'page.html'), '<p>from cp</p>\n');
    expect(k('cp', join(local, 'page.html'), 'box:/usr/share/nginx/html/page.html', '-c', 'web').code).toBe(0);
    expect(k('exec', 'box', '-c', 'web', '--', 'cat', '/usr/share/nginx/html/page.html').stdout).toBe('<p>from cp</p>\n');
    expect(k('exec', 'box', '-c', 'main', '--', 'ls', '/usr/share/nginx/html').code).not.toBe(0);
  });

  it('prints what tar and kubectl print for a missing source', () => {
    const busybox = k('cp', 'box:/nope', join(local, 'nope'), '-c', 'main');
    expect(busybox.code).toBe(1);
    expect(busybox.out).toContain('tar: /nope: No such file or directory\ntar: error exit delayed from previous errors\n');
    expect(busybox.out).toContain('command terminated with exit code 1');
    const gnu = k('cp', 'box:/nope', join(local, 'nope'), '-c', 'web');
    expect(gnu.code).toBe(2);
    expect(gnu.out).toContain("tar: Removing leading `/' from member names\ntar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n");
    expect(existsSync(join(local, 'nope'))).toBe(false);
  });

  it('prints what tar prints for a missing or read-only destination', () => {
    writeFileSync(join(local, 'a.txt'), 'a\n');
    const missing = k('cp', join(local, 'a.txt'), 'box:/nope/dir/a.txt', '-c', 'main');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("tar: can't change directory to '/nope/dir': No such file or directory\ncommand terminated with exit code 1\n");
    const readOnly = k('cp', join(local, 'a.txt'), 'box:/etc/config/', '-c', 'main');
    expect(readOnly.code).toBe(1);
    expect(readOnly.stderr).toBe("tar: can't open 'a.txt': Read-only file system\ncommand terminated with exit code 1\n");
    expect(k('exec', 'box', '-c', 'main', '--', 'ls', '/etc/config').stdout).toBe('city\n');
  });

  it('fails as the runtime does in a container without tar', () => {
    writeFileSync(join(local, 'a.txt'), 'a\n');
    const into = k('cp', join(local, 'a.txt'), 'bare:/tmp/a.txt');
    expect(into.code).toBe(1);
    expect(into.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in \$PATH: unknown\n$/);
    const from = k('cp', 'bare:/etc/hosts', join(local, 'hosts'));
    expect(from.code).toBe(1);
    expect(from.stderr).toContain('exec: "tar": executable file not found in $PATH');
  });
});
