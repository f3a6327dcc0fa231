/** Namespaces with their phase and age; each opens its workloads. */
import type { Namespace } from 'kubernetes-types/core/v1';
import { useInformer } from '../api/hooks';
import { KINDS, refOf } from '../api/resources';
import { age, plural } from '../format';
import { href } from '../router';
import { Badge, Empty, ErrorNote, PageHead } from '../components/ui';
import { useCluster } from './context';

export function NamespacesPage() {
  const { client, base } = useCluster();
  const ns = useInformer<Namespace>(client, refOf(KINDS.namespaces));
  const list = [...ns.items].sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!));
  return (
    <>
      <PageHead title="Namespaces" sub={ns.synced ? plural(list.length, 'namespace') : undefined} />
      <ErrorNote error={ns.error} />
      {!list.length && <Empty synced={ns.synced}>No namespaces.</Empty>}
      <table class="table" data-rows>
        <thead>
          <tr>
            <th>Name</th>
            <th>Status</th>
            <th>Age</th>
          </tr>
        </thead>
        <tbody>
          {list.map((n) => (
            <tr key={n.metadata!.uid}>
              <td>
                <a href={href(`${base}/ns/${n.metadata!.name}/workloads`)} data-row>
                  {n.metadata!.name}
                </a>
              </td>
              <td>
                <Badge status={n.status?.phase ?? 'Active'} />
              </td>
              <td class="muted">{age(n.metadata!.creationTimestamp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
