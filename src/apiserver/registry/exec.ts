/**
 * `pods/NAME/exec` (and `attach`) over WebSocket: the kubelet's streaming server simulated in
 * the cluster. Validation and wording follow upstream: the apiserver's container choice
 * (pkg/registry/core/pod/strategy.go streamLocation: "a container name must be specified…",
 * "container x is not valid for pod y"), the kubelet's `container not found ("x")` for a
 * container that is not running, the exit status on the error channel (NonZeroExitCode with an
 * ExitCode cause; InternalError when the runtime cannot start the program). SPDY is refused
 * with a Status, which kubectl 1.30+ never needs (it falls back to SPDY only on refusals).
 */
import type { ControllerContext } from '../../controllers/types';
import type { KubeObject } from '../types';
import type { RequestInfo } from '../request-info';
import { badRequest, notFound, statusResponse, StatusError } from '../status';
import { runtimeOf } from '../../sim/runtime/controller';
import { applyStartups } from '../../sim/runtime/startup';
import { containerSpec, containerStatus, type RuntimeCtx } from '../../sim/runtime/container';
import { processShell } from '../../sim/runtime/session';
import { AbortSignal as SessionAbort, ExitSignal, type Shell } from '../../sim/runtime/shell/interp';
import { InteractiveShell, onlcr } from '../../sim/runtime/tty';
import { hex64 } from '../../sim/images/catalog';
import { stopMainProcess } from './exec-kill';
import { concatBytes, decodeBytes, encodeBytes } from '../../sim/runtime/bytes';
import { tarReadsStdin } from '../../sim/runtime/shell/commands-tar';
import { ChannelSocket, CLOSE, decodeFrame, ERROR, pickProtocol, STDERR, STDIN, STDOUT } from './stream-channel';

/** Longest an exec session may last (the playground frees its resources). */
const MAX_SESSION_MS = 30 * 60_000;

/** Programs that read their standard input: with `-i` and no terminal, they wait for its end. */
const READS_STDIN = new Set(['sh', 'ash', 'bash', 'dash', 'cat', 'xargs', 'tee', 'grep', 'wc', 'head', 'tail', 'sort', 'uniq', 'tr', 'cut', 'read']);

/** Whether `argv` reads its stdin (tar only when it extracts or lists from it: `kubectl cp` into a pod). */
function readsStdin(bin: string, argv: string[]): boolean {
  return READS_STDIN.has(bin) || (bin === 'tar' && tarReadsStdin(argv));
}

/** How long a failed start waits for a client's stdin to end. */
const STDIN_GRACE_MS = 2000;

/** Largest payload of one stdout/stderr frame. */
const FRAME_BYTES = 32 << 10;

/** Most stdin bytes a session keeps (a tar stream larger than any volume is cut off here). */
const MAX_STDIN_BYTES = 32 << 20;

/** The container an exec targets (upstream streamLocation's defaulting and validation). */
export function pickExecContainer(pod: KubeObject, name: string | null): any {
  const containers: any[] = pod.spec?.containers ?? [];
  const all = [...containers, ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  if (!name) {
    if (containers.length === 1) return containers[0];
    const names = containers.map((c) => c.name).join(' ');
    const inits = (pod.spec?.initContainers ?? []).map((c: any) => c.name);
    throw badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names}]${inits.length ? ` or one of the init containers: [${inits.join(' ')}]` : ''}`);
  }
  const c = all.find((x) => x.name === name);
  if (!c) throw badRequest(`container ${name} is not valid for pod ${pod.metadata.name}`);
  return c;
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The Status kubectl reads on the error channel when the command ends. */
export function exitStatus(argv: string[], code: number): object {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** The runtime's error when argv[0] is not in the image (what containerd says through the kubelet). */
export function notInImage(argv0: string, id: string): object {
  return {
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv0}": executable file not found in $PATH: unknown`,
    reason: 'InternalError',
    details: { causes: [{ message: `error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv0}": executable file not found in $PATH: unknown` }] },
    code: 500,
  };
}

/** GET/POST pods/NAME/exec|attach: validate, then upgrade to a WebSocket session. */
export async function execRequest(ctx: ControllerContext, request: Request, info: RequestInfo, query: URLSearchParams): Promise<Response> {
  try {
    const pod = ctx.store.get('pods', info.namespace, info.name);
    if (!pod) throw notFound({ group: '', resource: 'pods' }, info.name);
    const c = pickExecContainer(pod, query.get('container'));
    const st = containerStatus(pod, c.name);
    if (!st?.state?.running) return plain(404, `container not found ("${c.name}")`);
    const upgrade = (request.headers.get('upgrade') ?? '').toLowerCase();
    if (upgrade !== 'websocket') {
      // SPDY (kubectl 1.29 and older, or the fallback after a refusal) cannot be served here.
      throw badRequest(`Upgrade request required: kubeplay streams ${info.subresource} over WebSocket only (kubectl 1.30 or later)`);
    }
    const protocol = pickProtocol(request.headers.get('sec-websocket-protocol'));
    if (!protocol) return plain(400, `unable to upgrade: no supported subprotocol among ${request.headers.get('sec-websocket-protocol') ?? ''}`);
    const rt = runtimeOf(ctx);
    if (!rt) throw badRequest('this cluster has no container runtime');
    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair) as [WebSocket, WebSocket];
    server.accept();
    const sock = new ChannelSocket(server, protocol);
    const argv = info.subresource === 'attach' ? [...(c.command ?? []), ...(c.args ?? [])] : query.getAll('command');
    void runSession(ctx, rt, pod, c, argv, sock, server, {
      stdin: query.get('stdin') === 'true',
      tty: query.get('tty') === 'true',
      attach: info.subresource === 'attach',
    }).catch((e) => {
      console.error('exec session', e);
      sock.close();
    });
    return new Response(null, { status: 101, webSocket: client, headers: { 'Sec-WebSocket-Protocol': protocol } });
  } catch (e) {
    if (e instanceof StatusError) return statusResponse(e);
    throw e;
  }
}

interface SessionOpts {
  stdin: boolean;
  tty: boolean;
  attach: boolean;
}

async function runSession(ctx: ControllerContext, rt: RuntimeCtx, pod: KubeObject, c: any, argv: string[], sock: ChannelSocket, ws: WebSocket, opts: SessionOpts): Promise<void> {
  // Listeners first, synchronously: frames that arrive before them would be lost.
  let sh: Shell | undefined;
  let ended = false;
  let killed: number | undefined;
  const wakers = new Set<() => void>();
  // Without a terminal, stdin is bytes (a tar stream from kubectl cp): kept as received and
  // decoded once into the shell's byte strings. A terminal sends keystrokes: decoded as UTF-8.
  const stdinChunks: Uint8Array[] = [];
  let stdinBytes = 0;
  const keys = new TextDecoder();
  let stdinEnded = !opts.stdin;
  let onStdinEnd: (() => void) | undefined;
  let repl: InteractiveShell | undefined;
  const hangUp = () => {
    ended = true;
    if (sh) sh.aborted = true;
    repl?.hangUp();
    stdinEnded = true;
    onStdinEnd?.();
    for (const w of [...wakers]) w();
  };
  const onFrame = (data: ArrayBuffer | string) => {
    const f = decodeFrame(data);
    if (!f) return;
    if (f.channel === STDIN) {
      if (opts.tty) {
        const text = keys.decode(f.payload, { stream: true });
        if (repl) repl.feed(text);
        else stdinChunks.push(new TextEncoder().encode(text));
      } else if (stdinBytes + f.payload.length <= MAX_STDIN_BYTES) {
        stdinChunks.push(f.payload);
        stdinBytes += f.payload.length;
      }
    } else if (f.channel === CLOSE && f.payload[0] === STDIN) {
      stdinEnded = true;
      onStdinEnd?.();
      if (repl) repl.hangUp();
    }
  };
  // Binary messages may arrive as Blobs (newer compatibility dates): decode them in order.
  let inbox = Promise.resolve();
  ws.addEventListener('message', (ev: MessageEvent) => {
    const data = ev.data as ArrayBuffer | string | Blob;
    if (data instanceof Blob) inbox = inbox.then(async () => onFrame(await data.arrayBuffer()));
    else inbox = inbox.then(() => onFrame(data));
  });
  ws.addEventListener('close', hangUp);
  ws.addEventListener('error', hangUp);

  await applyStartups(rt, pod);
  for (const other of rt.store.list('pods').map((e) => e.obj)) {
    if (other.metadata.uid !== pod.metadata.uid && other.spec?.volumes?.some((v: any) => v.hostPath || v.persistentVolumeClaim)) await applyStartups(rt, other);
  }
  const deadline = Date.now() + MAX_SESSION_MS;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(done, Math.max(0, Math.min(ms, deadline - Date.now())));
      function done() {
        clearTimeout(t);
        wakers.delete(done);
        resolve();
      }
      wakers.add(done);
    });
  const out = (ch: number) => (s: string) => {
    const bytes = encodeBytes(opts.tty ? onlcr(s) : s);
    // In frames of at most 32 KiB, as the kubelet's stream copies do (a tar stream can be megabytes).
    for (let o = 0; o < bytes.length; o += FRAME_BYTES) sock.send(opts.tty ? STDOUT : ch, bytes.subarray(o, o + FRAME_BYTES));
  };
  const stdinText = () => decodeBytes(concatBytes(stdinChunks));
  sh = processShell(rt, pod, c, {
    sleep,
    tty: opts.tty,
    killMain: (signal) => {
      const code = stopMainProcess(ctx, pod, c, signal);
      if (code !== undefined && sh) {
        killed = 137;
        sh.aborted = true;
      }
    },
  });
  if (ended) sh.aborted = true;

  const finish = (status: object | undefined) => {
    if (status) sock.send(ERROR, sock.protocol.startsWith('v4') || sock.protocol.startsWith('v5') ? JSON.stringify(status) : ((status as { message?: string }).message ?? ''));
    sock.close();
  };

  if (opts.attach) {
    // The main process's own output is in the logs; an attached terminal sees nothing new until it ends.
    if (!stdinEnded) await new Promise<void>((resolve) => (onStdinEnd = resolve));
    return finish(ended ? undefined : exitStatus(argv, 0));
  }
  const name = argv[0] ?? '';
  const bin = name.replace(/^.*\//, '');
  const onPath = name.includes('/') ? sh.view.stat(name) === 'f' : sh.image.tools.has(name);
  if (!argv.length || !onPath || sh.image.shell === 'none') {
    const id = hex64(`${pod.metadata.uid}/${c.name}/${Date.now()}`);
    // A client already streaming stdin (kubectl cp into a pod without tar) is let finish first,
    // briefly, so that the refusal is what it prints rather than a write on a closed socket.
    if (opts.stdin && !opts.tty && !stdinEnded) await Promise.race([new Promise<void>((resolve) => (onStdinEnd = resolve)), sleep(STDIN_GRACE_MS)]);
    return finish(notInImage(name, id));
  }
  sh.argv0 = bin;
  let code: number;
  try {
    const interactive = opts.tty && opts.stdin && ['sh', 'ash', 'bash', 'dash'].includes(bin) && !argv.includes('-c') && argv.length === 1;
    if (interactive) {
      repl = new InteractiveShell(sh, out(STDOUT));
      if (stdinChunks.length) repl.feed(stdinText());
      code = await repl.done;
    } else {
      if (opts.stdin && !opts.tty && readsStdin(bin, argv) && !stdinEnded) await new Promise<void>((resolve) => (onStdinEnd = resolve));
      code = await sh.exec(argv, { stdin: stdinText(), out: out(STDOUT), err: out(STDERR) });
    }
  } catch (e) {
    if (e instanceof ExitSignal) code = e.code;
    else if (e instanceof SessionAbort) code = killed ?? 137;
    else {
      sh.aborted = true;
      throw e;
    }
  }
  if (killed !== undefined) code = killed;
  if (ended) return sock.close();
  finish(exitStatus(argv, code));
}

/** Exported for the handler's route: which subresources this module serves. */
export const EXEC_SUBRESOURCES = new Set(['exec', 'attach']);
