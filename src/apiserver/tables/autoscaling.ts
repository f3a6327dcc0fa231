/**
 * horizontalpodautoscalers table (NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE),
 * per upstream printHorizontalPodAutoscaler/formatHPAMetrics (v1.33). Accepts the
 * autoscaling/v2 shape, and v1 objects (targetCPUUtilizationPercentage) read as one cpu metric.
 */
import { DOC } from './descriptions';
import { AGE_COLUMN, NAME_COLUMN, age, col, int, nameOf, type TablePrinter } from './helpers';
import { formatQuantity } from './quantity';

/** Quantity.String() of an optional pointer: Go prints a nil *Quantity as `<nil>`. */
const q = (v: unknown) => (v === undefined || v === null ? '<nil>' : formatQuantity(v));

/** The v2 metric specs/statuses of an HPA, converting the v1 cpu-percentage fields. */
function metricsOf(hpa: any): { specs: any[]; statuses: any[] } {
  const spec = hpa?.spec ?? {};
  const status = hpa?.status ?? {};
  if (Array.isArray(spec.metrics) || spec.targetCPUUtilizationPercentage === undefined) {
    return { specs: spec.metrics ?? [], statuses: status.currentMetrics ?? [] };
  }
  const specs = [
    { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } },
  ];
  const statuses =
    status.currentCPUUtilizationPercentage !== undefined
      ? [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: status.currentCPUUtilizationPercentage } } }]
      : [];
  return { specs, statuses };
}

/** Formats one metric as upstream: `cpu: 20%/50%`, `<unknown>/10 (avg)`, `memory: 1Gi/2Gi`, … */
function formatMetric(spec: any, status: any): string {
  switch (spec?.type) {
    case 'External':
    case 'Object': {
      const key = spec.type === 'External' ? 'external' : 'object';
      const target = spec[key]?.target ?? {};
      const cur = status?.[key];
      if (target.averageValue !== undefined && target.averageValue !== null) {
        const current = cur?.current?.averageValue != null ? formatQuantity(cur.current.averageValue) : '<unknown>';
        return `${current}/${formatQuantity(target.averageValue)} (avg)`;
      }
      const current = cur ? q(cur.current?.value) : '<unknown>';
      return `${current}/${q(target.value)}`;
    }
    case 'Pods': {
      const current = status?.pods ? q(status.pods.current?.averageValue) : '<unknown>';
      return `${current}/${q(spec.pods?.target?.averageValue)}`;
    }
    case 'Resource':
    case 'ContainerResource': {
      const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
      const src = spec[key] ?? {};
      const target = src.target ?? {};
      const cur = status?.[key];
      if (target.averageValue !== undefined && target.averageValue !== null) {
        const current = cur ? q(cur.current?.averageValue) : '<unknown>';
        return `${src.name ?? ''}: ${current}/${formatQuantity(target.averageValue)}`;
      }
      const current =
        cur?.current?.averageUtilization !== undefined && cur?.current?.averageUtilization !== null
          ? `${cur.current.averageUtilization}%`
          : '<unknown>';
      const goal = target.averageUtilization !== undefined && target.averageUtilization !== null ? `${target.averageUtilization}%` : '<auto>';
      return `${src.name ?? ''}: ${current}/${goal}`;
    }
    default:
      return '<unknown type>';
  }
}

/** formatHPAMetrics: at most two metrics joined by ", " then ` + N more...`; `<none>` without metrics. */
export function formatHPAMetrics(hpa: any): string {
  const { specs, statuses } = metricsOf(hpa);
  if (specs.length === 0) return '<none>';
  const list = specs.map((s, i) => formatMetric(s, statuses.length > i ? statuses[i] : undefined));
  const max = 2;
  if (list.length > max) return `${list.slice(0, max).join(', ')} + ${list.length - max} more...`;
  return list.join(', ');
}

const horizontalpodautoscalers: TablePrinter = {
  columns: [
    NAME_COLUMN,
    col('Reference', 'string', DOC.hpaRef),
    col('Targets', 'string', DOC.hpaMetrics),
    col('MinPods', 'string', DOC.hpaMin),
    col('MaxPods', 'string', DOC.hpaMax),
    col('Replicas', 'string', DOC.hpaCurrent),
    AGE_COLUMN,
  ],
  row(hpa, now) {
    const spec = hpa?.spec ?? {};
    const ref = spec.scaleTargetRef ?? {};
    const minPods = spec.minReplicas !== undefined && spec.minReplicas !== null ? String(spec.minReplicas) : '<unset>';
    return {
      cells: [
        nameOf(hpa), `${ref.kind ?? ''}/${ref.name ?? ''}`, formatHPAMetrics(hpa), minPods, int(spec.maxReplicas),
        int(hpa?.status?.currentReplicas), age(hpa, now),
      ],
    };
  },
};

/** autoscaling printers keyed by plural. */
export const autoscalingPrinters: Record<string, TablePrinter> = { horizontalpodautoscalers };
