import { describe, expect, it } from 'vitest';
import { MemoryFileStore } from '../../../src/sim/runtime/files';
import { ContainerView, type Mount } from '../../../src/sim/runtime/view';
import { imageFs } from '../../../src/sim/runtime/images';
import { Shell, type ShellHost } from '../../../src/sim/runtime/shell/interp';
import { PROGRAMS } from '../../../src/sim/runtime/programs';

function setup(image = 'busybox', mounts: Mount[] = [], store = new MemoryFileStore()) {
  const kills: string[] = [];
  const host: ShellHost = {
    sleep: async () => {},
    kill: (pid, sig) => {
      if (pid !== 1) return false;
      kills.push(sig);
      return true;
    },
    resolve: (name) => (name === 'web' ? { fqdn: 'web.default.svc.cluster.local', addresses: ['10.96.0.20'] } : undefined),
    http: async (url) => (url.includes('web') ? { ok: true, status: 200, reason: 'OK', headers: [], body: 'hello from web\n', host: '10.96.0.20:80' } : { ok: false, error: 'resolve', host: 'nope' }),
    now: () => new Date('2025-01-06T12:00:00Z'),
  };
  const fs = imageFs(image);
  const view = new ContainerView(store, fs, 'overlay/u/c/0', [{ at: '/etc/hostname', kind: 'static', files: { '': 'pod-a\n' }, readOnly: true, file: true }, ...mounts]);
  const sh = new Shell(view, fs, [['PATH', '/bin'], ['HOSTNAME', 'pod-a'], ['CITY', 'Paris']], host, PROGRAMS);
  const run = async (script: string, stdin = '') => {
    let out = '';
    let err = '';
    const code = await sh.fork().runScript(script, { stdin, out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };
  return { sh, run, kills, store, view };
}

describe('shell over a container filesystem', () => {
  it('writes with a redirection and reads the file back', async () => {
    const { run } = setup('busybox', [{ at: '/data', kind: 'store', vol: 'emptydir/u/data', sub: '/', readOnly: false }]);
    expect((await run('echo Hello > /data/f')).code).toBe(0);
    expect((await run('cat /data/f')).out).toBe('Hello\n');
    expect((await run('echo World >> /data/f; cat /data/f')).out).toBe('Hello\nWorld\n');
  });

  it('lists a directory one name per line and pipes into xargs', async () => {
    const { run } = setup('busybox', [{ at: '/etc/config', kind: 'static', files: { state: 'MI', city: 'Paris' }, readOnly: true }]);
    expect((await run('ls /etc/config')).out).toBe('city\nstate\n');
    expect((await run('ls /etc/config | xargs')).out).toBe('city state\n');
  });

  it('refuses writes to a configMap volume as read-only', async () => {
    const { run } = setup('busybox', [{ at: '/etc/config', kind: 'static', files: { city: 'Paris' }, readOnly: true }]);
    const r = await run('echo x > /etc/config/city');
    expect(r.code).not.toBe(0);
    expect(r.err).toBe("sh: can't create /etc/config/city: Read-only file system\n");
  });

  it('answers an unknown command as busybox sh, status 127', async () => {
    const { run } = setup();
    expect(await run('foo')).toEqual({ code: 127, out: '', err: 'sh: foo: not found\n' });
  });

  it('does not find curl in busybox but finds it in nginx', async () => {
    expect((await setup('busybox').run('curl -s http://web')).code).toBe(127);
    expect((await setup('nginx').run('curl -s http://web')).out).toBe('hello from web\n');
  });

  it('words errors as the Debian shell in Debian images', async () => {
    expect((await setup('nginx').run('foo')).err).toBe('sh: 1: foo: not found\n');
    expect((await setup('nginx').run('cat /nope')).err).toBe('cat: /nope: No such file or directory\n');
    expect((await setup('busybox').run('cat /nope')).err).toBe("cat: can't open '/nope': No such file or directory\n");
  });

  it('runs && and || by status, and exit N', async () => {
    const { run } = setup();
    expect((await run('false && echo no || echo yes')).out).toBe('yes\n');
    expect((await run('true; exit 3')).code).toBe(3);
  });

  it('expands variables, defaults and command substitution', async () => {
    const { run } = setup();
    expect((await run('echo "$CITY ${MISSING:-none} $(hostname)"')).out).toBe('Paris none pod-a\n');
    expect((await run('printenv CITY')).out).toBe('Paris\n');
    expect((await run('printenv NOPE')).code).toBe(1);
  });

  it('loops with for and while', async () => {
    const { run } = setup();
    expect((await run('for i in 1 2 3; do echo $i; done')).out).toBe('1\n2\n3\n');
    expect((await run('n=0; while [ $n -lt 2 ]; do echo x$n; n=$((n + 1)); done')).out).toBe("x0\nx1\n");
  });

  it('removes files, refuses a missing one without -f', async () => {
    const { run } = setup();
    await run('touch /tmp/a');
    expect((await run('rm /tmp/a; ls /tmp')).out).toBe('');
    expect((await run('rm /tmp/a')).err).toBe("rm: can't remove '/tmp/a': No such file or directory\n");
    expect((await run('rm -f /tmp/a')).code).toBe(0);
  });

  it('creates nested directories with mkdir -p only', async () => {
    const { run } = setup();
    expect((await run('mkdir /a/b')).code).toBe(1);
    expect((await run('mkdir -p /a/b && ls /a')).out).toBe('b\n');
  });

  it('sends kill 1 to the main process', async () => {
    const { run, kills } = setup();
    await run('kill 1');
    expect(kills).toEqual(['TERM']);
    expect((await run('kill 42')).err).toBe("kill: can't kill pid 42: No such process\n");
  });

  it('fetches with wget -qO- and reports an unknown host as busybox does', async () => {
    const { run } = setup('alpine');
    expect((await run('wget -qO- -T 5 http://web')).out).toBe('hello from web\n');
    const r = await run('wget -qO- http://nope');
    expect(r.code).toBe(1);
    expect(r.err).toBe("wget: bad address 'nope'\n");
  });

  it('resolves with nslookup and getent in the formats the tests grep', async () => {
    const { run } = setup('alpine');
    expect((await run('nslookup web')).out).toContain('Name:\tweb.default.svc.cluster.local\nAddress: 10.96.0.20\n');
    expect((await run('getent hosts web')).out).toBe('10.96.0.20      web.default.svc.cluster.local\n');
    expect((await run('getent hosts nope')).code).toBe(2);
  });

  it('reports syntax errors with status 2', async () => {
    const { run } = setup();
    const r = await run('if true; then echo');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^sh: syntax error/);
  });
});
