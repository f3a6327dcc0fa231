/**
 * A Job's podFailurePolicy against one failed pod (pkg/controller/job/pod_failure_policy.go):
 * the first rule that matches decides — FailJob ends the Job with a message naming the
 * container and exit code (or the pod condition) and the rule's index, Ignore keeps the failure
 * out of the backoffLimit count, Count (and FailIndex here) counts it as usual.
 */
import type { KubeObject } from '../../apiserver/types';

/** The verdict on one failed pod. */
export interface FailureVerdict {
  /** Whether the failure counts towards backoffLimit (false for Ignore). */
  count: boolean;
  /** Set when a FailJob rule matched: the Job's failure message. */
  failJob?: string;
}

function matchExitCodes(pod: KubeObject, req: any): any | undefined {
  for (const list of [pod.status?.containerStatuses ?? [], pod.status?.initContainerStatuses ?? []]) {
    for (const cs of list) {
      const code = cs.state?.terminated?.exitCode;
      if (code === undefined || code === 0) continue;
      if (req.containerName != null && req.containerName !== cs.name) continue;
      const listed = (req.values ?? []).includes(code);
      if ((req.operator === 'In' && listed) || (req.operator === 'NotIn' && !listed)) return cs;
    }
  }
  return undefined;
}

function matchConditions(pod: KubeObject, patterns: any[]): any | undefined {
  for (const c of pod.status?.conditions ?? []) {
    if (patterns.some((p) => p.type === c.type && (p.status ?? 'True') === c.status)) return c;
  }
  return undefined;
}

/** Evaluate `policy` (spec.podFailurePolicy) for a failed pod. */
export function matchPodFailurePolicy(policy: any, pod: KubeObject): FailureVerdict {
  const rules: any[] = policy?.rules ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    let failMessage: string | undefined;
    if (rule.onExitCodes) {
      const cs = matchExitCodes(pod, rule.onExitCodes);
      if (!cs) continue;
      failMessage = `Container ${cs.name} for pod ${pod.metadata.namespace}/${pod.metadata.name} failed with exit code ${cs.state.terminated.exitCode} matching ${rule.action} rule at index ${i}`;
    } else if (rule.onPodConditions) {
      const c = matchConditions(pod, rule.onPodConditions);
      if (!c) continue;
      failMessage = `Pod ${pod.metadata.namespace}/${pod.metadata.name} has condition ${c.type} matching ${rule.action} rule at index ${i}`;
    } else continue;
    if (rule.action === 'Ignore') return { count: false };
    if (rule.action === 'FailJob') return { count: true, failJob: failMessage };
    if (rule.action === 'Count' || rule.action === 'FailIndex') return { count: true };
    // An unknown action: the rule is skipped.
  }
  return { count: true };
}
