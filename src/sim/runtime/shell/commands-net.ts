/**
 * Network programs: busybox wget and nslookup, curl, getent hosts. Their output and error
 * wording follow each program (busybox 1.37, curl 8, glibc getent).
 */
import type { HttpResult, Program } from './interp';
import { flags } from './commands-fs';
import { isBusybox } from './messages';

function hostOf(url: string): string {
  return url.replace(/^[a-z]+:\/\//, '').split('/')[0].split(':')[0];
}

const wget: Program = async (argv, io, sh) => {
  const { f, v, ops } = flags(argv, 'OTUoPY');
  const url = ops[0];
  if (!url) {
    io.err('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n');
    return 1;
  }
  const quiet = f.has('q');
  const timeout = Number(v.get('T') ?? 900) * 1000;
  const r = await sh.host.http!(url.includes('://') ? url : `http://${url}`, timeout);
  const host = hostOf(url.includes('://') ? url : `http://${url}`);
  if (!r.ok) {
    if (r.error === 'resolve') io.err(`wget: bad address '${host}'\n`);
    else if (r.error === 'refused') io.err(`${quiet ? '' : `Connecting to ${host} (${r.ip}:${r.port})\n`}wget: can't connect to remote host (${r.ip}): Connection refused\n`);
    else if (r.error === 'timeout') io.err(`${quiet ? '' : `Connecting to ${host} (${r.ip}:${r.port})\n`}wget: download timed out\n`);
    else io.err(`${quiet ? '' : `Connecting to ${host} (${r.ip}:${r.port})\n`}wget: error getting response: Connection reset by peer\n`);
    return 1;
  }
  if (!quiet) io.err(`Connecting to ${host} (${r.host})\n`);
  if (r.status >= 400) {
    io.err(`wget: server returned error: HTTP/1.1 ${r.status} ${r.reason}\n`);
    return 1;
  }
  const target = v.get('O') ?? (url.replace(/[?#].*$/, '').split('/').slice(3).pop() || 'index.html');
  if (target === '-') {
    if (!quiet) io.err('writing to stdout\n');
    io.out(r.body);
    if (!quiet) io.err(`-                    100% |********************************|   ${r.body.length}  0:00:00 ETA\nwritten to stdout\n`);
    return 0;
  }
  if (sh.view.stat(sh.abs(target)) && !v.has('O')) {
    io.err(`wget: can't open '${target}': File exists\n`);
    return 1;
  }
  sh.view.write(sh.abs(target), r.body);
  if (!quiet) io.err(`saving to '${target}'\n${target.padEnd(20)} 100% |********************************|   ${r.body.length}  0:00:00 ETA\n'${target}' saved\n`);
  return 0;
};

function curlHeaders(r: Extract<HttpResult, { ok: true }>): string {
  return `HTTP/1.1 ${r.status} ${r.reason}\r\n${r.headers.map(([k, val]) => `${k}: ${val}\r\n`).join('')}\r\n`;
}

const curl: Program = async (argv, io, sh) => {
  const { f, v, ops } = flags(argv, 'oXHdwmAuxe');
  const long = new Set(argv.filter((a) => a.startsWith('--')));
  const silent = f.has('s') || long.has('--silent');
  const showErr = f.has('S') || long.has('--show-error');
  let url = ops.find((o) => !/^\d+$/.test(o) || o.includes('.')) ?? ops[0];
  if (!url) {
    io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  if (!url.includes('://')) url = `http://${url}`;
  const timeoutArg = v.get('m') ?? argv[argv.indexOf('--max-time') + 1] ?? argv[argv.indexOf('--connect-timeout') + 1];
  const timeout = argv.includes('--max-time') || argv.includes('--connect-timeout') || v.has('m') ? Number(timeoutArg) * 1000 : 134_000;
  const host = hostOf(url);
  let r = await sh.host.http!(url, timeout);
  const fail = (code: number, msg: string) => {
    if (!silent || showErr) io.err(`curl: (${code}) ${msg}\n`);
    return code;
  };
  if (!r.ok) {
    if (r.error === 'resolve') return fail(6, `Could not resolve host: ${host}`);
    if (r.error === 'refused') return fail(7, `Failed to connect to ${host} port ${r.port} after 0 ms: Couldn't connect to server`);
    if (r.error === 'timeout') return fail(28, `Failed to connect to ${host} port ${r.port} after ${timeout} ms: Timeout was reached`);
    return fail(56, 'Recv failure: Connection reset by peer');
  }
  const follow = f.has('L') || long.has('--location');
  for (let hops = 0; follow && r.ok && r.status >= 300 && r.status < 400 && hops < 5; hops++) {
    const loc = r.headers.find(([k]) => k.toLowerCase() === 'location')?.[1];
    if (!loc) break;
    r = await sh.host.http!(loc, timeout);
    if (!r.ok) return fail(7, `Failed to connect to ${hostOf(loc)}`);
  }
  const headOnly = f.has('I') || long.has('--head');
  let out = '';
  if (headOnly || f.has('i') || long.has('--include')) out += curlHeaders(r);
  if (!headOnly) out += r.body;
  const outFile = v.get('o') ?? (argv.includes('--output') ? argv[argv.indexOf('--output') + 1] : undefined);
  if (outFile && outFile !== '-') {
    if (outFile !== '/dev/null') sh.view.write(sh.abs(outFile), out);
  } else io.out(out);
  const w = v.get('w') ?? (argv.includes('--write-out') ? argv[argv.indexOf('--write-out') + 1] : undefined);
  if (w) io.out(w.replace(/%\{http_code\}/g, String(r.status)).replace(/%\{response_code\}/g, String(r.status)).replace(/\\n/g, '\n'));
  if ((f.has('f') || long.has('--fail')) && r.status >= 400) return fail(22, `The requested URL returned error: ${r.status}`);
  return 0;
};

const nslookup: Program = (argv, io, sh) => {
  const name = argv.slice(1).find((a) => !a.startsWith('-'));
  const server = sh.host.dnsServer ?? '10.96.0.10';
  if (!name) {
    io.err('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
    return 1;
  }
  io.out(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
  const r = sh.host.resolve!(name);
  if (!r) {
    const ns = (sh.view.read('/etc/resolv.conf').match(/^search (\S+)/m) ?? [])[1] ?? 'default.svc.cluster.local';
    io.out(`** server can't find ${name.includes('.') ? name : `${name}.${ns}`}: NXDOMAIN\n\n`);
    return 1;
  }
  io.out(`Name:\t${r.fqdn}\n${r.addresses.map((a) => `Address: ${a}\n`).join('')}\n`);
  return 0;
};

const getent: Program = (argv, io, sh) => {
  const db = argv[1];
  if (db !== 'hosts' && db !== 'ahosts' && db !== 'ahostsv4') {
    if (db === 'passwd' || db === 'group') {
      const file = sh.view.read(`/etc/${db}`);
      const keys = argv.slice(2);
      const rows = file.split('\n').filter((l) => l && (!keys.length || keys.includes(l.split(':')[0])));
      rows.forEach((l) => io.out(l + '\n'));
      return rows.length || !keys.length ? 0 : 2;
    }
    io.err(`Unknown database: ${db ?? ''}\nTry \`getent --help' or \`getent --usage' for more information.\n`);
    return 1;
  }
  let st = 0;
  for (const name of argv.slice(2)) {
    const r = sh.host.resolve!(name);
    if (!r) {
      st = 2;
      continue;
    }
    if (db === 'hosts') io.out(`${r.addresses[0].padEnd(15)} ${r.fqdn}\n`);
    else for (const a of r.addresses) io.out(`${a.padEnd(15)} STREAM ${r.fqdn}\n${a.padEnd(15)} DGRAM  \n${a.padEnd(15)} RAW    \n`);
  }
  return isBusybox(sh) ? st : st;
};

/** Network programs, by name. */
export const NET_PROGRAMS: Record<string, Program> = { wget, curl, nslookup, getent };
