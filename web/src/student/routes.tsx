/** The pages of a cluster below its base path. */
import type { VNode } from 'preact';
import { match } from '../router';
import { ConfigPage } from './config';
import { DetailPage } from './detail';
import { EventsPage } from './events';
import { PodsPage } from './pods';
import { ServicesPage } from './services';
import { WorkloadsPage } from './workloads';

const SECTIONS: Record<string, (p: { ns: string }) => VNode> = {
  workloads: WorkloadsPage,
  pods: PodsPage,
  services: ServicesPage,
  config: ConfigPage,
  events: EventsPage,
};

/** The page of a namespaced or object path, or undefined. */
export function pageFor(path: string): VNode | undefined {
  const section = match('/ns/:ns/:section', path);
  if (section) {
    const Page = SECTIONS[section.section];
    return Page ? <Page ns={section.ns} key={section.ns} /> : undefined;
  }
  const obj = match('/ns/:ns/:resource/:name', path) ?? match('/ns/:ns/:resource/:name/:tab', path);
  if (obj) return <DetailPage resource={obj.resource} ns={obj.ns} name={obj.name} tab={obj.tab} key={`${obj.ns}/${obj.resource}/${obj.name}`} />;
  const cluster = match('/cluster/:resource/:name', path) ?? match('/cluster/:resource/:name/:tab', path);
  if (cluster) return <DetailPage resource={cluster.resource} name={cluster.name} tab={cluster.tab} key={`${cluster.resource}/${cluster.name}`} />;
  return undefined;
}
