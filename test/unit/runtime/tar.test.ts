import { describe, expect, it } from 'vitest';
import { createTar, parseTar } from 'nanotar';
import { MemoryFileStore } from '../../../src/sim/runtime/files';
import { ContainerView, type Mount } from '../../../src/sim/runtime/view';
import { imageFs } from '../../../src/sim/runtime/images';
import { Shell, type ShellHost } from '../../../src/sim/runtime/shell/interp';
import { PROGRAMS } from '../../../src/sim/runtime/programs';
import { decodeBytes, encodeBytes } from '../../../src/sim/runtime/bytes';
import { parseTarArgs, tarReadsStdin } from '../../../src/sim/runtime/shell/tar-args';

const binary = Uint8Array.from([0, 1, 2, 0x7f, 0x80, 0xc3, 0xff, 0xfe, 0, 0xed, 0xa0, 0x80, 0x0a, 0]);

function container(image = 'busybox', mounts: Mount[] = []) {
  const host: ShellHost = { sleep: async () => {}, kill: () => false, now: () => new Date('2025-01-06T12:00:00Z') };
  const fs = imageFs(image);
  const view = new ContainerView(new MemoryFileStore(), fs, 'overlay/u/c/0', mounts);
  const sh = new Shell(view, fs, [['PATH', '/bin']], host, PROGRAMS);
  const run = async (script: string, stdin = '') => {
    let out = '';
    let err = '';
    const code = await sh.fork().runScript(script, { stdin, out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };
  return { sh, view, run };
}

/** A tar stream as kubectl's Go writer makes one (ustar), as the shell's stdin string. */
function archive(files: { name: string; data?: Uint8Array | string }[]): string {
  return decodeBytes(createTar(files.map((f) => ({ name: f.name, data: typeof f.data === 'string' ? new TextEncoder().encode(f.data) : f.data }))));
}

describe('tar arguments', () => {
  it('reads the old style, the short style and long options as kubectl cp passes them', () => {
    expect(parseTarArgs(['tar', 'cf', '-', '/tmp/x'])).toMatchObject({ mode: 'c', file: '-', members: ['/tmp/x'] });
    expect(parseTarArgs(['tar', '-xmf', '-', '-C', '/tmp'])).toMatchObject({ mode: 'x', file: '-', dir: '/tmp', members: [] });
    expect(parseTarArgs(['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-', '-C', '.'])).toMatchObject({ mode: 'x', file: '-', dir: '.' });
    expect(parseTarArgs(['tar', '-tvzf', 'a.tgz', '--directory=/x'])).toMatchObject({ mode: 't', verbose: true, gzip: true, file: 'a.tgz', dir: '/x' });
    expect(parseTarArgs(['tar', '-q']).unknown).toBe('-q');
  });

  it('knows when tar reads stdin', () => {
    expect(tarReadsStdin(['tar', '-xmf', '-', '-C', '/tmp'])).toBe(true);
    expect(tarReadsStdin(['tar', 'tf', '-'])).toBe(true);
    expect(tarReadsStdin(['tar', 'cf', '-', '/etc'])).toBe(false);
    expect(tarReadsStdin(['tar', 'xf', '/tmp/a.tar'])).toBe(false);
  });
});

describe('tar in the simulated shell', () => {
  it('creates an archive of a directory with its files, in order, without the leading slash', async () => {
    const { run } = container();
    await run('mkdir -p /data/sub && echo one > /data/a.txt && echo two > /data/sub/b.txt');
    const r = await run('tar cf - /data');
    expect(r.code).toBe(0);
    expect(r.err).toBe("tar: removing leading '/' from member names\n");
    const items = parseTar(encodeBytes(r.out));
    expect(items.map((i) => [i.name, i.type])).toEqual([['data/', 'directory'], ['data/a.txt', 'file'], ['data/sub/', 'directory'], ['data/sub/b.txt', 'file']]);
    expect(items[1].text).toBe('one\n');
    expect(items[1].attrs).toMatchObject({ user: 'root', group: 'root', uid: 0, mode: '0000644' });
  });

  it('extracts into -C DIR, making leading directories, and lists with -t', async () => {
    const { run } = container();
    const tarball = archive([{ name: 'dir/', data: undefined }, { name: 'dir/x.txt', data: 'hello\n' }, { name: 'deep/er/y.txt', data: 'y\n' }]);
    expect(await run('tar -xmf - -C /tmp', tarball)).toEqual({ code: 0, out: '', err: '' });
    expect((await run('cat /tmp/dir/x.txt /tmp/deep/er/y.txt')).out).toBe('hello\ny\n');
    expect((await run('tar tf -', tarball)).out).toBe('dir/\ndir/x.txt\ndeep/er/y.txt\n');
    expect((await run('tar -xvf - -C /tmp', tarball)).out).toBe('dir/\ndir/x.txt\ndeep/er/y.txt\n');
  });

  it('lists verbosely as busybox and as GNU tar', async () => {
    const tarball = archive([{ name: 'x.txt', data: 'hello\n' }]);
    expect((await container().run('tar tvf -', tarball)).out).toMatch(/^-rw-rw-r-- 1000\/1000         6 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d x\.txt\n$/);
    const gnu = container('nginx');
    await gnu.run('echo hello > /tmp/x.txt && tar cf /tmp/a.tar -C /tmp x.txt');
    expect((await gnu.run('tar tvf /tmp/a.tar')).out).toBe('-rw-r--r-- root/root         6 2025-01-06 12:00 x.txt\n');
  });

  it('carries a binary file byte for byte, in and out', async () => {
    const { run, view } = container();
    expect((await run('tar xf - -C /tmp', archive([{ name: 'blob.bin', data: binary }]))).code).toBe(0);
    expect([...encodeBytes(view.read('/tmp/blob.bin'))]).toEqual([...binary]);
    expect((await run('wc -c /tmp/blob.bin')).out.trim()).toBe(`${binary.length} /tmp/blob.bin`);
    const out = await run('tar cf - -C /tmp blob.bin');
    const [item] = parseTar(encodeBytes(out.out));
    expect([...item.data!]).toEqual([...binary]);
    // cat through a pipe keeps the bytes too.
    expect([...encodeBytes((await run('cat /tmp/blob.bin | cat')).out)]).toEqual([...binary]);
  });

  it('round-trips a gzipped archive through a file', async () => {
    const { run } = container();
    await run('mkdir /src && echo zipped > /src/z');
    expect((await run('tar czf /tmp/a.tgz -C / src')).code).toBe(0);
    expect((await run('tar xzf /tmp/a.tgz -C /tmp && cat /tmp/src/z')).out).toBe('zipped\n');
  });

  it('reports a missing member as busybox does: no header, delayed error, exit 1', async () => {
    const r = await container().run('tar cf - /nope');
    expect(r.code).toBe(1);
    expect(r.err).toBe('tar: /nope: No such file or directory\ntar: error exit delayed from previous errors\n');
  });

  it('reports a missing member as GNU tar does, after the leading-slash warning, exit 2', async () => {
    const r = await container('nginx').run('tar cf - /nope');
    expect(r.code).toBe(2);
    expect(r.err).toBe("tar: Removing leading `/' from member names\ntar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n");
  });

  it('refuses a missing -C directory', async () => {
    const tarball = archive([{ name: 'f', data: 'x' }]);
    expect(await container().run('tar -xmf - -C /nope', tarball)).toEqual({ code: 1, out: '', err: "tar: can't change directory to '/nope': No such file or directory\n" });
    expect(await container('nginx').run('tar -xmf - -C /nope', tarball)).toEqual({ code: 2, out: '', err: 'tar: /nope: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n' });
  });

  it('refuses to write into a read-only volume', async () => {
    const ro: Mount = { at: '/etc/config', kind: 'static', files: { city: 'Paris' }, readOnly: true };
    const tarball = archive([{ name: 'f.txt', data: 'x' }]);
    expect(await container('busybox', [ro]).run('tar -xmf - -C /etc/config', tarball)).toEqual({ code: 1, out: '', err: "tar: can't open 'f.txt': Read-only file system\n" });
    expect(await container('nginx', [ro]).run('tar -xmf - -C /etc/config', tarball)).toEqual({ code: 2, out: '', err: 'tar: f.txt: Cannot open: Read-only file system\ntar: Exiting with failure status due to previous errors\n' });
  });

  it('says when the input is not an archive, or is cut short', async () => {
    expect(await container().run('tar xf -', 'hello world\n'.repeat(100))).toEqual({ code: 1, out: '', err: 'tar: invalid tar magic\n' });
    expect((await container('nginx').run('tar xf -', 'hello world\n'.repeat(100))).err).toBe('tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n');
    const whole = encodeBytes(archive([{ name: 'big', data: new Uint8Array(4000).fill(65) }]));
    expect((await container('nginx').run('tar xf - -C /tmp', decodeBytes(whole.subarray(0, 2048)))).err).toBe('tar: Unexpected EOF in archive\ntar: Error is not recoverable: exiting now\n');
  });

  it('extracts only the members asked for, and names the ones it did not find', async () => {
    const { run } = container();
    const tarball = archive([{ name: 'a', data: 'A' }, { name: 'b', data: 'B' }]);
    const r = await run('tar xf - -C /tmp b c', tarball);
    expect(r).toEqual({ code: 1, out: '', err: 'tar: c: not found in archive\ntar: error exit delayed from previous errors\n' });
    expect((await run('ls /tmp')).out).toBe('b\n');
    expect((await run('tar xOf - a', tarball)).out).toBe('A');
  });

  it('refuses an empty create and a missing mode', async () => {
    expect((await container('nginx').run('tar cf -')).err).toContain('Cowardly refusing to create an empty archive');
    expect((await container('nginx').run('tar f -')).err).toContain("You must specify one of the '-Acdtrux'");
    expect((await container().run('tar cf -')).err).toBe('tar: empty archive\n');
  });

  it('is not found in an image without tar', async () => {
    expect((await container('gcr.io/distroless/static').run('tar cf - /')).code).toBe(127);
  });
});

/** Moves a member's directories into the ustar prefix field, as Go's archive/tar writes names over 100 bytes. */
function withPrefix(tar: Uint8Array, prefix: string): Uint8Array {
  const out = new Uint8Array(tar);
  out.set(new TextEncoder().encode(prefix), 345);
  out.fill(0x20, 148, 156);
  const sum = out.subarray(0, 512).reduce((n, b) => n + b, 0);
  out.set(new TextEncoder().encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
  return out;
}

describe('tar with long member names', () => {
  it('reads the ustar prefix of a name longer than 100 bytes', async () => {
    const { run } = container();
    const dir = `${'a'.repeat(60)}/${'b'.repeat(60)}`;
    const tarball = decodeBytes(withPrefix(createTar([{ name: 'file.txt', data: new TextEncoder().encode('deep\n') }]), dir));
    expect((await run('tar tf -', tarball)).out).toBe(`${dir}/file.txt\n`);
    expect((await run('tar xf - -C /tmp', tarball)).code).toBe(0);
    expect((await run(`cat /tmp/${dir}/file.txt`)).out).toBe('deep\n');
  });

  it('keeps a prefix with .. steps inside the directory', async () => {
    const tarball = decodeBytes(withPrefix(createTar([{ name: 'f', data: new TextEncoder().encode('x') }]), '../../etc'));
    expect((await container().run('tar tf -', tarball)).out).toBe('etc/f\n');
  });

  it('refuses to write a name nanotar cannot hold', async () => {
    const { run } = container('nginx');
    const dir = `/${'a'.repeat(60)}/${'b'.repeat(60)}`;
    await run(`mkdir -p ${dir} && echo x > ${dir}/f`);
    const r = await run(`tar cf /tmp/a.tar ${dir}/f`);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${dir.slice(1)}/f: file name is too long (max 100); not dumped`);
  });
});
