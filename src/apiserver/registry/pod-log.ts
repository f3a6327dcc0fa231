import { badRequest, notFound } from '../status';
import type { ApiRequest, ApiResult } from './context';
import type { ControllerContext } from '../../controllers/types';
import type { KubeObject } from '../types';
import { containerLogs, hasPreviousLogs } from '../../sim/kubelet';
import { kubeletEnv } from '../../sim/agents/kubelet-env';

/** How often a followed log looks for new lines. */
const FOLLOW_POLL_MS = 1000;

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
  const read = (): string => {
    const p = ctx.store.get('pods', info.namespace, info.name);
    const node = p?.spec?.nodeName ? ctx.store.get('nodes', '', p.spec.nodeName) : undefined;
    return p && node ? containerLogs(p, container, kubeletEnv(ctx, node), { previous }) : '';
  };
  const text = tail(read(), query);
  if (query.get('follow') !== 'true' || previous) return { code: 200, text, contentType: 'text/plain' };
  const encoder = new TextEncoder();
  let sent = read().length;
  let timer: ReturnType<typeof setInterval> | null = null;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(text));
      timer = setInterval(() => {
        const p = ctx.store.get('pods', info.namespace, info.name);
        const now = read();
        if (now.length > sent) controller.enqueue(encoder.encode(now.slice(sent)));
        sent = Math.max(sent, now.length);
        const st = p && [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])].find((s: any) => s.name === container);
        if (!p || !st?.state?.running) {
          if (timer) clearInterval(timer);
          controller.close();
        }
      }, FOLLOW_POLL_MS);
    },
    cancel() {
      if (timer) clearInterval(timer);
    },
  });
  return { code: 200, stream, contentType: 'text/plain' };
}
