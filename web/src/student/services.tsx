/** Services with their ports, selectors and endpoints (ready pods first), live. */
import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import { useInformer } from '../api/hooks';
import { KINDS, refOf } from '../api/resources';
import { age, plural } from '../format';
import { href } from '../router';
import { Empty, ErrorNote, PageHead } from '../components/ui';
import { useCluster } from './context';
import { Labels } from './describe';
import { EndpointList } from './lists';
import { ALL_NAMESPACES, objectPath } from './paths';

export function ServicesPage({ ns }: { ns: string }) {
  const { client, base } = useCluster();
  const namespace = ns === ALL_NAMESPACES ? undefined : ns;
  const services = useInformer<Service>(client, refOf(KINDS.services, namespace));
  const endpoints = useInformer<Endpoints>(client, refOf(KINDS.endpoints, namespace));
  const list = [...services.items].sort((a, b) => (a.metadata!.namespace ?? '').localeCompare(b.metadata!.namespace ?? '') || a.metadata!.name!.localeCompare(b.metadata!.name!));
  const epOf = (s: Service) => endpoints.items.find((e) => e.metadata?.name === s.metadata?.name && e.metadata?.namespace === s.metadata?.namespace);
  return (
    <>
      <PageHead title="Services" sub={services.synced ? plural(list.length, 'service') : undefined} />
      <ErrorNote error={services.error} />
      {!list.length && (
        <Empty synced={services.synced}>
          No services. Try <code>kubectl expose deployment web --port=80</code>.
        </Empty>
      )}
      <div class="svc-grid">
        {list.map((s) => (
          <section class="card svc" key={s.metadata!.uid} data-service={s.metadata!.name}>
            <header class="card-head">
              <a class="card-title" href={href(objectPath(base, 'services', s.metadata!.namespace, s.metadata!.name!))} data-row>
                {!namespace && <span class="muted">{s.metadata!.namespace}/</span>}
                {s.metadata!.name}
              </a>
              <span class="badge idle">{s.spec?.type}</span>
              <span class="muted small">{age(s.metadata!.creationTimestamp)}</span>
            </header>
            <div class="svc-facts">
              <code>{s.spec?.clusterIP}</code>
              {(s.spec?.ports ?? []).map((p) => (
                <code class="port" key={`${p.port}/${p.protocol}`}>
                  {p.port}
                  {p.nodePort ? `:${p.nodePort}` : ''}/{p.protocol ?? 'TCP'} → {String(p.targetPort ?? p.port)}
                </code>
              ))}
            </div>
            <div class="small svc-selector">
              <span class="muted">selector </span>
              <Labels labels={s.spec?.selector} />
            </div>
            <EndpointList ep={epOf(s)} />
          </section>
        ))}
      </div>
    </>
  );
}
