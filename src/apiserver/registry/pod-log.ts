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
import { containerLogs, followContainerLogs, hasPreviousLogs, readFollowedLogs, type KubeletEnv, type LogCursor } from '../../sim/kubelet';
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
  if (query.get('follow') !== 'true' || previous || !env) {
    const text = env ? tail(containerLogs(pod, container, env, { previous }), query) : '';
    return { code: 200, text, contentType: 'text/plain' };
  }
  const first = followContainerLogs(pod, container, env);
  const text = tail(first.text, query);
  if (first.ended) return { code: 200, text, contentType: 'text/plain' };
  return { code: 200, stream: followStream(ctx, info.namespace, info.name, container, text, first.cursor, first.nextAt), contentType: 'text/plain' };
}

/** The open answer of `logs -f`: `text` first, then the lines after `cursor` as they are written. */
function followStream(ctx: ControllerContext, namespace: string, name: string, container: string, text: string, start: LogCursor, nextAt: number | undefined): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
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
      const wakeAt = (at: number | undefined) => {
        if (timer) clearTimeout(timer);
        timer = at === undefined ? undefined : setTimeout(read, Math.max(MIN_WAKE_MS, at - ctx.now().getTime()));
      };
      function read(): void {
        if (done) return;
        const pod = ctx.store.get('pods', namespace, name);
        const env = envFor(ctx, pod);
        if (!env) return end();
        const r = readFollowedLogs(pod, container, env, cursor);
        cursor = r.cursor;
        if (r.text) controller.enqueue(encoder.encode(r.text));
        if (r.ended) end();
        else wakeAt(r.nextAt);
      }
      if (text) controller.enqueue(encoder.encode(text));
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
