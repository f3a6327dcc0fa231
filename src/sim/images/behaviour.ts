/**
 * What a container does, given its image (from the catalog), command, args, environment and
 * resources: a Timeline (logs, files, exit) plus what it serves, how much it uses, and how it
 * reacts to SIGTERM. Pure: the same inputs always give the same behaviour.
 */
import type { KubeObject } from '../../apiserver/types';
import { lookupImage, type CatalogImage } from './catalog';
import { runProgram, isKnownCommand, type Timeline, type ShellContext } from './shell';
import { parseQuantity, parseDuration } from '../kubelet/quantity';
import { EXIT_CODE, FAIL, MEMORY_USAGE, CPU_USAGE, RUN_FOR } from '../kubelet/annotations';

/** How a container behaves from its start. Times are real (unscaled) milliseconds. */
export interface Behaviour {
  timeline: Timeline;
  /** The runtime cannot start the process (executable not found): StartError, exit 128. */
  startError?: string;
  /** Memory demand above the limit: the kernel kills it (OOMKilled, 137) this long after start. */
  oomAfterMs?: number;
  /** TCP ports accepting connections once `listenAfterMs` has passed. */
  ports: number[];
  listenAfterMs: number;
  /** Paths an HTTP server answers 200 (others 404); undefined when ports speak no HTTP. */
  httpPaths?: string[];
  memoryBytes: number;
  cpuNanocores: number;
  /** On SIGTERM: exits after this long with this code; undefined = ignores it (killed at grace end, 137). */
  sigterm?: { exitAfterMs: number; exitCode: number };
}

const SERVER_BINARIES = new Set(['nginx', 'httpd', 'httpd-foreground', 'apache2-foreground', 'redis-server', 'postgres', 'mysqld', 'docker-entrypoint.sh', '/docker-entrypoint.sh', 'stress', 'agnhost', 'pause']);

const MI = 1024 * 1024;

function nginxStartLogs(): string[] {
  return [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
    '{{nginx}} [notice] 1#1: using the "epoll" event method',
    '{{nginx}} [notice] 1#1: nginx/1.27.3',
    '{{nginx}} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ',
    '{{nginx}} [notice] 1#1: OS: Linux 6.1.0-28-amd64',
    '{{nginx}} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576',
    '{{nginx}} [notice] 1#1: start worker processes',
    '{{nginx}} [notice] 1#1: start worker process 29',
  ];
}

/**
 * What an Apache-based image prints as it starts: the official wordpress and php images
 * (Debian, prefork with PHP), or httpd (event MPM). `ip` is the pod's, which Apache names for
 * want of a ServerName.
 */
function apacheStartLogs(repository: string, ip: string): string[] {
  const httpd = repository.endsWith('/httpd');
  const fqdn = `AH00558: ${httpd ? 'httpd' : 'apache2'}: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`;
  const lines = repository.endsWith('/wordpress')
    ? ['WordPress not found in /var/www/html - copying now...', 'Complete! WordPress has been successfully copied to /var/www/html', fqdn, fqdn]
    : [fqdn, ...(httpd ? [] : [fqdn])];
  return [
    ...lines,
    httpd
      ? '[{{apache}}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations'
      : '[{{apache}}] [mpm_prefork:notice] [pid 1:tid 1] AH00163: Apache/2.4.62 (Debian) PHP/8.2.26 configured -- resuming normal operations',
    `[{{apache}}] [core:notice] [pid 1:tid 1] AH00094: Command line: '${httpd ? 'httpd' : 'apache2'} -D FOREGROUND'`,
  ];
}

const APACHE_IMAGES = /\/(wordpress|httpd|php|hpa-example)$/;

const REDIS_LOGS = [
  '1:C {{redis}} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
  '1:C {{redis}} * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started',
  '1:C {{redis}} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf',
  '1:M {{redis}} * monotonic clock: POSIX clock_gettime',
  '1:M {{redis}} * Running mode=standalone, port=6379.',
  '1:M {{redis}} * Server initialized',
  '1:M {{redis}} * Ready to accept connections tcp',
];

const POSTGRES_NO_PASSWORD = [
  'Error: Database is uninitialized and superuser password is not specified.',
  '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
  '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
  '',
  '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
  '       connections without a password. This is *not* recommended.',
  '',
  '       See PostgreSQL documentation about "trust":',
  '       https://www.postgresql.org/docs/current/auth-trust.html',
];

const MYSQL_NO_PASSWORD = [
  '{{iso}}+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.4.3-1.el9 started.',
  "{{iso}}+00:00 [Note] [Entrypoint]: Switching to dedicated user 'mysql'",
  '{{iso}}+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.4.3-1.el9 started.',
  '{{iso}}+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified',
  '    You need to specify one of the following as an environment variable:',
  '    - MYSQL_ROOT_PASSWORD',
  '    - MYSQL_ALLOW_EMPTY_PASSWORD',
  '    - MYSQL_RANDOM_ROOT_PASSWORD',
];

const at = (lines: string[], atMs = 0) => lines.map((text) => ({ atMs, text }));
const server = (logs: string[], listenMs = 0): Timeline => ({ exitCode: 0, logs: at(logs, listenMs), files: [] });

/** `stress` arguments → its demand and timeline (polinux/stress: vm bytes are powers of 1024). */
function stress(args: string[], limitBytes: number | undefined): Partial<Behaviour> & { timeline: Timeline } {
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const vm = Number(opt('--vm') ?? opt('-m') ?? 0);
  const cpu = Number(opt('--cpu') ?? opt('-c') ?? 0);
  const bytesArg = opt('--vm-bytes') ?? '256M';
  const per = parseQuantity(bytesArg.replace(/([KMG])$/i, (u) => `${u.toUpperCase()}i`).replace(/B$/i, '')) ?? 256 * MI;
  const demand = vm * per;
  const timeout = parseDuration(opt('--timeout') ?? opt('-t'));
  const logs = [{ atMs: 0, text: `stress: info: [1] dispatching hogs: ${cpu} cpu, 0 io, ${vm} vm, 0 hdd` }];
  const oom = limitBytes !== undefined && demand > limitBytes;
  if (timeout !== undefined && !oom) logs.push({ atMs: timeout, text: `stress: info: [1] successful run completed in ${Math.round(timeout / 1000)}s` });
  return {
    timeline: { exitAfterMs: timeout, exitCode: 0, logs, files: [] },
    oomAfterMs: oom ? 400 : undefined,
    memoryBytes: demand + 700 * 1024,
    cpuNanocores: cpu * 1e9 + (vm ? 2e7 : 0),
  };
}

/** The container's effective environment, as the kubelet would pass it (resolved values only). */
export type ResolvedEnv = Record<string, string>;

/**
 * The behaviour of `container` in `pod` with its resolved environment. Pod annotations
 * (kubeplay.dev/…) override exit, run time, usage and failures.
 */
export function containerBehaviour(pod: KubeObject, container: any, env: ResolvedEnv): Behaviour {
  const image: CatalogImage | undefined = lookupImage(container.image ?? '');
  const kind = image?.kind ?? 'shell';
  const command: string[] | undefined = container.command;
  const args: string[] = container.args ?? [];
  const limits = container.resources?.limits ?? {};
  const limitBytes = parseQuantity(limits.memory);
  const ctx: ShellContext = { env: { HOSTNAME: pod.metadata.name ?? '', ...env }, hostname: pod.metadata.name ?? '' };
  const b: Behaviour = { timeline: { exitCode: 0, logs: [], files: [] }, ports: image?.ports ?? [], listenAfterMs: 200, httpPaths: image?.httpPaths, memoryBytes: image?.idleMemory ?? MI, cpuNanocores: 1e6 };
  const argv = command ? [...command, ...args] : args.length ? args : [];
  const first = (argv[0] ?? '').replace(/^.*\//, '');
  const runsProgram = kind === 'shell' || (argv.length > 0 && !SERVER_BINARIES.has(first) && !SERVER_BINARIES.has(argv[0]) && kind !== 'stress');

  if (runsProgram) {
    const prog = argv.length ? argv : ['sh'];
    const viaShell = ['sh', 'bash', 'ash'].includes(prog[0].replace(/^.*\//, ''));
    if (!viaShell && !isKnownCommand(prog[0])) {
      b.startError = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${prog[0]}": executable file not found in $PATH: unknown`;
    }
    b.timeline = runProgram(prog, ctx);
    b.ports = [];
    b.httpPaths = undefined;
    b.cpuNanocores = 0;
  } else if (kind === 'stress') {
    const s = stress(command?.[0]?.endsWith('stress') ? args : argv.slice(argv[0]?.endsWith('stress') ? 1 : 0), limitBytes);
    Object.assign(b, s);
  } else if (kind === 'postgres' && !env.POSTGRES_PASSWORD && env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
    b.timeline = { exitAfterMs: 300, exitCode: 1, logs: at(POSTGRES_NO_PASSWORD, 200), files: [] };
    b.ports = [];
  } else if (kind === 'mysql' && !env.MYSQL_ROOT_PASSWORD && !env.MYSQL_ALLOW_EMPTY_PASSWORD && !env.MYSQL_RANDOM_ROOT_PASSWORD) {
    b.timeline = { exitAfterMs: 600, exitCode: 1, logs: at(MYSQL_NO_PASSWORD, 400), files: [] };
    b.ports = [];
  } else if (kind === 'web') {
    const repo = image?.repository ?? '';
    b.timeline = server(repo.endsWith('/nginx') ? nginxStartLogs() : APACHE_IMAGES.test(repo) ? apacheStartLogs(repo, pod.status?.podIP ?? '127.0.0.1') : [], 100);
  } else if (kind === 'redis') {
    b.timeline = server(REDIS_LOGS, 100);
  } else if (kind === 'postgres') {
    b.timeline = server(['{{iso}}.000 UTC [1] LOG:  database system is ready to accept connections'], 2500);
    b.listenAfterMs = 2500;
  } else if (kind === 'mysql') {
    b.timeline = server(['{{iso}}Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections.'], 8000);
    b.listenAfterMs = 8000;
  }
  // A container's PID 1 ignores SIGTERM unless it handles it: the servers, the pause container
  // and the system daemons (etcd, kube-*, coredns, fluentd) do; `stress` does not.
  if (!runsProgram && kind !== 'stress') b.sigterm = { exitAfterMs: 100, exitCode: 0 };
  applyOverrides(pod, b, limitBytes, limits.cpu);
  return b;
}

function applyOverrides(pod: KubeObject, b: Behaviour, limitBytes: number | undefined, cpuLimit: string | undefined): void {
  const a = pod.metadata.annotations ?? {};
  const runFor = parseDuration(a[RUN_FOR]);
  const exitCode = a[EXIT_CODE] !== undefined ? Number(a[EXIT_CODE]) : undefined;
  if (runFor !== undefined) b.timeline = { ...b.timeline, exitAfterMs: runFor, exitCode: exitCode ?? 0, loop: b.timeline.loop };
  else if (exitCode !== undefined && b.timeline.exitAfterMs !== undefined) b.timeline = { ...b.timeline, exitCode };
  if (a[FAIL] === 'CrashLoop') b.timeline = { ...b.timeline, exitAfterMs: runFor ?? 1000, exitCode: exitCode || 1 };
  const mem = parseQuantity(a[MEMORY_USAGE]);
  if (mem !== undefined) b.memoryBytes = mem;
  const cpu = parseQuantity(a[CPU_USAGE]);
  if (cpu !== undefined) b.cpuNanocores = cpu * 1e9;
  if (a[FAIL] === 'OOM' || (mem !== undefined && limitBytes !== undefined && mem > limitBytes)) b.oomAfterMs = 1000;
  const cpuCap = parseQuantity(cpuLimit);
  if (cpuCap !== undefined) b.cpuNanocores = Math.min(b.cpuNanocores, cpuCap * 1e9);
  if (limitBytes !== undefined && b.oomAfterMs === undefined) b.memoryBytes = Math.min(b.memoryBytes, limitBytes);
}
