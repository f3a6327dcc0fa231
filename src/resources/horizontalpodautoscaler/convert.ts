import type { KubeObject } from '../../apiserver/types';

/**
 * autoscaling/v1 ↔ v2 conversion, as upstream's: v1 keeps only the CPU utilization target;
 * v2 metrics that v1 cannot express ride in the `autoscaling.alpha.kubernetes.io/…` annotations
 * upstream — here they are simply dropped from the v1 view.
 */
export function hpaV1ToV2(obj: KubeObject): KubeObject {
  const out: KubeObject = structuredClone(obj);
  out.apiVersion = 'autoscaling/v2';
  const spec = out.spec ?? {};
  const target = spec.targetCPUUtilizationPercentage;
  delete spec.targetCPUUtilizationPercentage;
  if (target !== undefined) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }];
  }
  const st = out.status;
  if (st) {
    const current = st.currentCPUUtilizationPercentage;
    delete st.currentCPUUtilizationPercentage;
    if (current !== undefined) {
      st.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }];
    }
  }
  return out;
}

export function hpaV2ToV1(obj: KubeObject): KubeObject {
  const out: KubeObject = structuredClone(obj);
  out.apiVersion = 'autoscaling/v1';
  const spec = out.spec ?? {};
  const cpu = (spec.metrics ?? []).find((m: any) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.type === 'Utilization');
  delete spec.metrics;
  delete spec.behavior;
  if (cpu) spec.targetCPUUtilizationPercentage = cpu.resource.target.averageUtilization;
  if (out.status) {
    const cur = (out.status.currentMetrics ?? []).find((m: any) => m.type === 'Resource' && m.resource?.name === 'cpu');
    delete out.status.currentMetrics;
    delete out.status.conditions;
    if (cur?.resource?.current?.averageUtilization !== undefined) out.status.currentCPUUtilizationPercentage = cur.resource.current.averageUtilization;
  }
  return out;
}
