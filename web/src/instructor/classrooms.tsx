/** The instructor's classrooms: name, students, settings, age; each opens its roster. */
import { ErrorNote, PageHead } from '../components/ui';
import { age } from '../format';
import { href } from '../router';
import type { AdminApi } from './api';
import { roomPath } from './paths';
import { usePoll } from './poll';

export function ClassroomsPage({ api }: { api: AdminApi }) {
  const polled = usePoll(() => api.classrooms(), 10_000, []);
  const rooms = polled.data;
  return (
    <>
      <PageHead title="Classrooms" sub={rooms ? `${rooms.length} classroom${rooms.length === 1 ? '' : 's'}` : 'Loading…'} />
      <ErrorNote error={polled.error} />
      {rooms && !rooms.length && (
        <div class="empty">
          No classroom yet. Create one with <code>npx kubeplay classroom create NAME --students alice,bob --out ./kubeconfigs</code>
        </div>
      )}
      {rooms && rooms.length > 0 && (
        <div class="table-wrap">
          <table class="table" aria-label="Classrooms">
            <thead>
              <tr>
                <th scope="col">Classroom</th>
                <th scope="col" class="num">Students</th>
                <th scope="col">Profile</th>
                <th scope="col" class="hide-narrow">Nodes</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {rooms.map((r) => (
                <tr key={r.id} data-classroom={r.name}>
                  <th scope="row">
                    <a href={href(roomPath(r.name))} data-row>
                      {r.name}
                    </a>
                  </th>
                  <td class="num">{r.students ?? 0}</td>
                  <td>{r.settings.profile ?? 'realistic'}</td>
                  <td class="hide-narrow">{r.settings.nodes?.count ?? 'default'}</td>
                  <td title={r.createdAt}>{age(r.createdAt)} ago</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
