/**
 * `pods/NAME/log`: what a container printed, as the kubelet serves it (upstream
 * pkg/registry/core/pod/rest/log.go and the kubelet's ReadLogs). With `follow=true` the answer
 * stays open and each line goes out when the simulated container writes it: the program's
 * timeline says when its next line comes (a timer for that moment), and the cluster's commits
 * say when the container ends (the kubelet stops following on exit, and kubectl then ends).
 */
import { badRequest, notFound } from '../status';
import type { ApiRequest, ApiResult } from './context';
import type { ControllerContext } from '../../controllers/types';
import type { KubeObject } from '../types';
import { containerLogs, followContainerLogs, hasPreviousLogs, readFollowedLogs, type KubeletEnv, type LogCursor, type LogFormat } from '../../sim/kubelet';
import { kubeletEnv } from '../../sim/agents/kubelet-env';

/** The shortest wait between two reads of a followed log (lines closer together go out together). */
const MIN_WAKE_MS = 10;

function pickContainer(pod: KubeObject, name: string | null): string {
  const containers: string[] = (pod.spec?.containers ?? []).map((c: any) => c.name);
  const inits: string[] = (pod.spec?.initContainers ?? []).map((c: any) => c.name);
  if (name) {
    if (!containers.includes(name) && !inits.includes(name)) {
      throw badRequest(`container ${name} is not valid for pod ${pod.metadata.name}`);
    }
    return name;
  }
  if (containers.length === 1) return containers[0];
  const defaulted = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (defaulted && containers.includes(defaulted)) return defaulted;
  throw badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${containers.join(' ')}]${inits.length ? ` or one of the init containers: [${inits.join(' ')}]` : ''}`);
}

function tail(text: string, q: URLSearchParams): string {
  const n = q.get('tailLines');
  if (n === null) return text;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const kept = lines.slice(Math.max(0, lines.length - Number(n)));
  return kept.length ? kept.join('\n') + '\n' : '';
}

/** `--timestamps`, `--since` and `--since-time` as the kubelet applies them (before `--tail`). */
function logFormat(ctx: ControllerContext, q: URLSearchParams): LogFormat {
  const seconds = q.get('sinceSeconds');
  const time = q.get('sinceTime');
  const sinceMs = seconds !== null ? ctx.now().getTime() - Number(seconds) * 1000 : time !== null ? Date.parse(time) : undefined;
  return { timestamps: q.get('timestamps') === 'true', sinceMs: Number.isNaN(sinceMs) ? undefined : sinceMs };
}

/** `--limit-bytes`: the most bytes sent (none: no limit). */
function byteLimit(q: URLSearchParams): number {
  const n = Number(q.get('limitBytes') ?? NaN);
  return Number.isFinite(n) && n > 0 ? n : Infinity;
}

/** A finished answer cut at `limit` bytes (a cut through a character stays a cut, as the kubelet's). */
function limited(text: string, limit: number): ApiResult {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= limit) return { code: 200, text, contentType: 'text/plain' };
  const body = bytes.slice(0, limit);
  return { code: 200, stream: new ReadableStream({ start: (c) => (c.enqueue(body), c.close()) }), contentType: 'text/plain' };
}

/** What the kubelet of the pod's node sees (none once the pod or its node is gone). */
function envFor(ctx: ControllerContext, pod: KubeObject | undefined): KubeletEnv | undefined {
  const node = pod?.spec?.nodeName ? ctx.store.get('nodes', '', pod.spec.nodeName) : undefined;
  return node ? kubeletEnv(ctx, node) : undefined;
}

/** GET pods/NAME/log: what the container printed, followed while it runs with `follow=true`. */
export function podLogRequest(ctx: ControllerContext, req: ApiRequest): ApiResult {
  const { info, query } = req;
  const pod = ctx.store.get('pods', info.namespace, info.name);
  if (!pod) throw notFound({ group: '', resource: 'pods' }, info.name);
  const container = pickContainer(pod, query.get('container'));
  const previous = query.get('previous') === 'true';
  const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s: any) => s.name === container);
  if (previous && !hasPreviousLogs(pod, container)) {
    throw badRequest(`previous terminated container "${container}" in pod "${pod.metadata.name}" not found`);
  }
  if (!previous && (!status || status.state?.waiting)) {
    const reason = status?.state?.waiting?.reason ?? 'ContainerCreating';
    throw badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${reason}`);
  }
  const env = envFor(ctx, pod);
  const format = logFormat(ctx, query);
  const limit = byteLimit(query);
  if (query.get('follow') !== 'true' || previous || !env) return limited(env ? tail(containerLogs(pod, container, env, { previous, ...format }), query) : '', limit);
  const first = followContainerLogs(pod, container, env, format);
  const text = tail(first.text, query);
  if (first.ended || new TextEncoder().encode(text).length >= limit) return limited(text, limit);
  const follow: Follow = { namespace: info.namespace, name: info.name, container, format, limit };
  return { code: 200, stream: followStream(ctx, follow, text, first.cursor, first.nextAt), contentType: 'text/plain' };
}

/** What one `logs -f` follows, and how it shows it. */
interface Follow {
  namespace: string;
  name: string;
  container: string;
  format: LogFormat;
  /** Most bytes it sends (`--limit-bytes`; Infinity: no limit). */
  limit: number;
}

/** The open answer of `logs -f`: `text` first, then the lines after `cursor` as they are written. */
function followStream(ctx: ControllerContext, f: Follow, text: string, start: LogCursor, nextAt: number | undefined): ReadableStream<Uint8Array> {
  const { namespace, name, container } = f;
  const encoder = new TextEncoder();
  let budget = f.limit;
  let cursor = start;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unlisten: (() => void) | undefined;
  let done = false;
  const stop = () => {
    done = true;
    if (timer) clearTimeout(timer);
    unlisten?.();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const end = () => {
        if (done) return;
        stop();
        controller.close();
      };
      /** Sends text within the byte budget; false once it is spent (the answer then ends). */
      const send = (t: string): boolean => {
        if (!t) return true;
        const bytes = encoder.encode(t);
        controller.enqueue(bytes.length > budget ? bytes.slice(0, budget) : bytes);
        budget -= bytes.length;
        return budget > 0;
      };
      const wakeAt = (at: number | undefined) => {
        if (timer) clearTimeout(timer);
        timer = at === undefined ? undefined : setTimeout(read, Math.max(MIN_WAKE_MS, at - ctx.now().getTime()));
      };
      function read(): void {
        if (done) return;
        const pod = ctx.store.get('pods', namespace, name);
        const env = envFor(ctx, pod);
        if (!env) return end();
        const r = readFollowedLogs(pod, container, env, cursor, f.format);
        cursor = r.cursor;
        if (!send(r.text) || r.ended) end();
        else wakeAt(r.nextAt);
      }
      send(text);
      // The container's end (or restart, or the pod's deletion) is a commit of the pod.
      unlisten = ctx.hub.listen((changes) => {
        if (changes === null) end();
        else if (changes.some((c) => c.resource === 'pods' && c.namespace === namespace && c.name === name)) read();
      });
      wakeAt(nextAt);
    },
    cancel() {
      stop();
    },
  });
}
