/** Lists shared by several pages: pods as `kubectl get pods -o wide`, a Service's endpoints. */
import type { Endpoints, Pod } from 'kubernetes-types/core/v1';
import { age, podReady, podRestarts, podStatus } from '../format';
import { href } from '../router';
import { Badge } from '../components/ui';
import { useCluster } from './context';
import { objectPath } from './paths';

/** A pods table like `kubectl get pods -o wide`. */
export function PodTable({ pods, showNs, showNode = true }: { pods: Pod[]; showNs?: boolean; showNode?: boolean }) {
  const { base } = useCluster();
  if (!pods.length) return <div class="muted">No pods.</div>;
  return (
    <table class="table compact" data-rows>
      <thead>
        <tr>
          {showNs && <th>Namespace</th>}
          <th>Name</th>
          <th>Ready</th>
          <th>Status</th>
          <th>Restarts</th>
          <th>Age</th>
          <th>IP</th>
          {showNode && <th>Node</th>}
        </tr>
      </thead>
      <tbody>
        {pods.map((p) => (
          <tr key={p.metadata!.uid} data-pod={p.metadata!.name}>
            {showNs && <td class="muted">{p.metadata!.namespace}</td>}
            <td>
              <a href={href(objectPath(base, 'pods', p.metadata!.namespace, p.metadata!.name!))} data-row>
                {p.metadata!.name}
              </a>
            </td>
            <td>{podReady(p)}</td>
            <td>
              <Badge status={podStatus(p)} />
            </td>
            <td>{podRestarts(p)}</td>
            <td class="muted">{age(p.metadata!.creationTimestamp)}</td>
            <td class="muted">{p.status?.podIP}</td>
            {showNode && <td class="muted">{p.spec?.nodeName}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The addresses of an Endpoints object: ready ones, then not-ready ones, each with its pod. */
export function EndpointList({ ep }: { ep?: Endpoints }) {
  const { base } = useCluster();
  const rows = (ep?.subsets ?? []).flatMap((s) => [
    ...(s.addresses ?? []).map((a) => ({ a, ready: true, ports: s.ports ?? [] })),
    ...(s.notReadyAddresses ?? []).map((a) => ({ a, ready: false, ports: s.ports ?? [] })),
  ]);
  if (!rows.length) return <div class="muted">No endpoints: no ready pod matches the selector.</div>;
  return (
    <ul class="endpoints">
      {rows.map(({ a, ready, ports }) => (
        <li key={`${a.ip}-${ready}`}>
          <span class={`dot ${ready ? 'ok' : 'warn'}`} />
          <code>
            {a.ip}
            {ports.length ? `:${ports.map((p) => p.port).join(',')}` : ''}
          </code>
          {a.targetRef?.name && (
            <a href={href(objectPath(base, 'pods', a.targetRef.namespace, a.targetRef.name))} class="muted">
              {a.targetRef.name}
            </a>
          )}
          {!ready && <span class="muted small">not ready</span>}
        </li>
      ))}
    </ul>
  );
}
