/** ConfigMaps and Secrets of a namespace, with their keys, live. */
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1';
import { useInformer } from '../api/hooks';
import { KINDS, refOf } from '../api/resources';
import { age } from '../format';
import { href } from '../router';
import { Empty, ErrorNote, PageHead } from '../components/ui';
import { useCluster } from './context';
import { ALL_NAMESPACES, objectPath } from './paths';

export function ConfigPage({ ns }: { ns: string }) {
  const { client } = useCluster();
  const namespace = ns === ALL_NAMESPACES ? undefined : ns;
  const cms = useInformer<ConfigMap>(client, refOf(KINDS.configmaps, namespace));
  const secrets = useInformer<Secret>(client, refOf(KINDS.secrets, namespace));
  return (
    <>
      <PageHead title="Config" sub="ConfigMaps and Secrets" />
      <h2>ConfigMaps</h2>
      <ErrorNote error={cms.error} />
      <KeyTable items={cms.items} resource="configmaps" synced={cms.synced} showNs={!namespace} />
      <h2 class="spaced">Secrets</h2>
      <ErrorNote error={secrets.error} />
      <KeyTable items={secrets.items} resource="secrets" synced={secrets.synced} showNs={!namespace} />
    </>
  );
}

function KeyTable({ items, resource, synced, showNs }: { items: (ConfigMap | Secret)[]; resource: string; synced: boolean; showNs: boolean }) {
  const { base } = useCluster();
  const list = [...items].sort((a, b) => (a.metadata!.namespace ?? '').localeCompare(b.metadata!.namespace ?? '') || a.metadata!.name!.localeCompare(b.metadata!.name!));
  if (!list.length) return <Empty synced={synced}>None.</Empty>;
  return (
    <table class="table" data-rows>
      <thead>
        <tr>
          <th>Name</th>
          {resource === 'secrets' && <th>Type</th>}
          <th>Keys</th>
          <th>Age</th>
        </tr>
      </thead>
      <tbody>
        {list.map((o) => {
          const keys = [...Object.keys(o.data ?? {}), ...Object.keys((o as ConfigMap).binaryData ?? {})];
          return (
            <tr key={o.metadata!.uid}>
              <td>
                <a href={href(objectPath(base, resource, o.metadata!.namespace, o.metadata!.name!))} data-row>
                  {showNs && <span class="muted">{o.metadata!.namespace}/</span>}
                  {o.metadata!.name}
                </a>
              </td>
              {resource === 'secrets' && <td class="muted">{(o as Secret).type}</td>}
              <td>
                {keys.slice(0, 6).map((k) => (
                  <code class="label" key={k}>
                    {k}
                  </code>
                ))}
                {keys.length > 6 && <span class="muted"> +{keys.length - 6}</span>}
              </td>
              <td class="muted">{age(o.metadata!.creationTimestamp)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
