/**
 * apps/v1 tables: deployments, replicasets, statefulsets, daemonsets, controllerrevisions,
 * per upstream printers.go (v1.33). The server always prints the wide cells; kubectl hides
 * priority-1 columns unless `-o wide`.
 */
import { DOC } from './descriptions';
import {
  AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, age, col, containerCells, formatLabelSelector,
  formatLabels, int, labelSelectorString, nameOf, type TablePrinter,
} from './helpers';

const replicas = (o: any) => int(o?.spec?.replicas ?? 1); // spec.replicas defaults to 1 on write

const deployments: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', DOC.deployUpdated),
    col('Available', 'string', DOC.deployAvailable),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    col('Selector', 'string', DOC.deploySelector, 1),
  ],
  row(o, now) {
    const st = o?.status ?? {};
    const [names, images] = containerCells(o?.spec?.template?.spec?.containers);
    const selector = labelSelectorString(o?.spec?.selector) ?? '<invalid>';
    return {
      cells: [
        nameOf(o), `${int(st.readyReplicas)}/${replicas(o)}`, int(st.updatedReplicas), int(st.availableReplicas),
        age(o, now), names, images, selector,
      ],
    };
  },
};

const replicasets: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Desired', 'integer', DOC.rsSpecReplicas),
    col('Current', 'integer', DOC.rsStatusReplicas),
    col('Ready', 'integer', DOC.rsStatusReady),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    col('Selector', 'string', DOC.rsSpecSelector, 1),
  ],
  row(o, now) {
    const st = o?.status ?? {};
    const [names, images] = containerCells(o?.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(o), replicas(o), int(st.replicas), int(st.readyReplicas), age(o, now),
        names, images, formatLabelSelector(o?.spec?.selector),
      ],
    };
  },
};

const statefulsets: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Ready', 'string', 'Number of the pod with ready state'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
  ],
  row(o, now) {
    const [names, images] = containerCells(o?.spec?.template?.spec?.containers);
    return { cells: [nameOf(o), `${int(o?.status?.readyReplicas)}/${replicas(o)}`, age(o, now), names, images] };
  },
};

const daemonsets: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Desired', 'integer', DOC.dsDesired),
    col('Current', 'integer', DOC.dsCurrent),
    col('Ready', 'integer', DOC.dsReady),
    col('Up-to-date', 'integer', DOC.dsUpdated),
    col('Available', 'integer', DOC.dsAvailable),
    col('Node Selector', 'string', DOC.nodeSelector),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    col('Selector', 'string', DOC.dsSelector, 1),
  ],
  row(o, now) {
    const st = o?.status ?? {};
    const [names, images] = containerCells(o?.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(o), int(st.desiredNumberScheduled), int(st.currentNumberScheduled), int(st.numberReady),
        int(st.updatedNumberScheduled), int(st.numberAvailable), formatLabels(o?.spec?.template?.spec?.nodeSelector),
        age(o, now), names, images, formatLabelSelector(o?.spec?.selector),
      ],
    };
  },
};

/** Controller of an object as `kind.group/name` lower-cased (formatResourceName), `<none>` without one. */
export function controllerName(o: any): string {
  const ref = ((o?.metadata?.ownerReferences ?? []) as any[]).find((r) => r?.controller === true);
  if (!ref) return '<none>';
  const apiVersion = String(ref.apiVersion ?? '');
  const slash = apiVersion.indexOf('/');
  const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
  const kind = String(ref.kind ?? '');
  if (!kind && !group) return ref.name ?? '';
  const groupKind = group ? `${kind}.${group}` : kind;
  return `${groupKind.toLowerCase()}/${ref.name ?? ''}`;
}

const controllerrevisions: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Controller', 'string', 'Controller of the object'),
    col('Revision', 'string', DOC.crRevision),
    AGE_COLUMN,
  ],
  row: (o, now) => ({ cells: [nameOf(o), controllerName(o), int(o?.revision), age(o, now)] }),
};

/** apps printers keyed by plural. */
export const appsPrinters: Record<string, TablePrinter> = {
  deployments,
  replicasets,
  statefulsets,
  daemonsets,
  controllerrevisions,
};
