/**
 * The stable identity of a StatefulSet's pods (pkg/controller/statefulset/stateful_set_utils.go):
 * pod `<set>-<ordinal>` with its hostname, subdomain and identity labels, and the claims
 * `<template>-<set>-<ordinal>` its volumes name, owned as persistentVolumeClaimRetentionPolicy says.
 */
import type { KubeObject } from '../../apiserver/types';
import { podFromTemplate } from '../owners';
import { isPodAvailable, isPodReady } from '../replicaset/reconcile';
import { POD_REVISION_LABEL } from '../history/revision';

/** Pod label with the pod's own name (apps.StatefulSetPodNameLabel). */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** Pod label with the pod's ordinal (apps.PodIndexLabel, feature PodIndexLabel, on since 1.28). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** The set a pod name belongs to and its ordinal (`(.*)-([0-9]+)$`), ordinal -1 for none. */
export function parentAndOrdinal(name: string): { parent: string; ordinal: number } {
  const m = /^(.*)-([0-9]+)$/.exec(name);
  if (!m) return { parent: '', ordinal: -1 };
  const ordinal = Number(m[2]);
  return { parent: m[1], ordinal: Number.isSafeInteger(ordinal) && ordinal <= 0x7fffffff ? ordinal : -1 };
}

/** A pod's ordinal, -1 when its name carries none. */
export const ordinalOf = (pod: KubeObject): number => parentAndOrdinal(pod.metadata.name ?? '').ordinal;

/** The first ordinal of a set (spec.ordinals.start, 0 by default). */
export const startOrdinal = (set: KubeObject): number => set.spec?.ordinals?.start ?? 0;

/** The name of the set's pod at `ordinal`. */
export const podName = (set: KubeObject, ordinal: number): string => `${set.metadata.name}-${ordinal}`;

/** The name of the claim a template makes for the pod at `ordinal`. */
export const claimName = (set: KubeObject, template: string, ordinal: number): string => `${template}-${set.metadata.name}-${ordinal}`;

/** Whether the pod is one of the set's: controlled by it and named after it (isMemberOf). */
export function isMember(set: KubeObject, pod: KubeObject): boolean {
  const controlled = (pod.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === set.metadata.uid);
  const { parent, ordinal } = parentAndOrdinal(pod.metadata.name ?? '');
  return controlled && parent === set.metadata.name && ordinal >= 0;
}

/** The revision (name) a pod was made from, '' if unlabelled. */
export const podRevision = (pod: KubeObject): string => pod.metadata.labels?.[POD_REVISION_LABEL] ?? '';

/** isCreated: the apiserver has the pod (it has a phase). */
export const isCreated = (pod: KubeObject): boolean => !!pod.status?.phase;
/** isTerminating: the pod has a deletionTimestamp. */
export const isTerminating = (pod: KubeObject): boolean => !!pod.metadata.deletionTimestamp;
/** isFailed || isSucceeded: the pod has finished and must be replaced. */
export const isFailedOrSucceeded = (pod: KubeObject): boolean => pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';
/** Running with the Ready condition True (isRunningAndReady). */
export const isRunningAndReady = (pod: KubeObject): boolean => pod.status?.phase === 'Running' && isPodReady(pod);
/** Running, ready for minReadySeconds (isRunningAndAvailable). */
export const isRunningAndAvailable = (pod: KubeObject, minReadySeconds: number, now: Date): boolean => pod.status?.phase === 'Running' && isPodAvailable(pod, minReadySeconds, now);
/** Running and ready, not being deleted (isHealthy). */
export const isHealthy = (pod: KubeObject): boolean => isRunningAndReady(pod) && !isTerminating(pod);

/**
 * The claims the pod at `ordinal` needs, one per volumeClaimTemplate (getPersistentVolumeClaims):
 * the template named for the pod, labelled with the selector's matchLabels on top of its own.
 */
export function claimsFor(set: KubeObject, ordinal: number): KubeObject[] {
  return ((set.spec?.volumeClaimTemplates ?? []) as KubeObject[]).map((t) => {
    const claim = structuredClone(t);
    const template = t.metadata?.name ?? '';
    claim.apiVersion = 'v1';
    claim.kind = 'PersistentVolumeClaim';
    claim.metadata = {
      ...(claim.metadata ?? {}),
      name: claimName(set, template, ordinal),
      namespace: set.metadata.namespace,
      labels: { ...(claim.metadata?.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) },
    };
    delete claim.metadata.creationTimestamp;
    delete claim.status;
    return claim;
  });
}

/**
 * The ownerReferences a claim should carry by the retention policy
 * (updateClaimOwnerRefForSetAndPod): whenDeleted Delete → the set controls it; whenScaled Delete
 * → a pod scaled away controls it; Retain/Retain (the default) → neither, so claims outlive the set.
 */
export function claimOwners(set: KubeObject, pod: KubeObject | undefined, ordinal: number): NonNullable<KubeObject['metadata']['ownerReferences']> {
  const policy = set.spec?.persistentVolumeClaimRetentionPolicy ?? {};
  const replicas = set.spec?.replicas ?? 1;
  const start = startOrdinal(set);
  const scaledDown = ordinal < start || ordinal >= start + replicas;
  const setRef = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata.name!, uid: set.metadata.uid!, controller: true, blockOwnerDeletion: true };
  if (policy.whenScaled === 'Delete' && scaledDown) {
    return pod?.metadata.uid ? [{ apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name!, uid: pod.metadata.uid, controller: true, blockOwnerDeletion: true }] : [];
  }
  if (policy.whenDeleted === 'Delete') return [setRef];
  return [];
}

/**
 * The pod at `ordinal` made from `set`'s template (newStatefulSetPod + setPodRevision): name,
 * hostname and subdomain (initIdentity), identity labels, the claims as volumes in place of any
 * template volume of the same name (updateStorage), and the revision label.
 */
export function newStatefulSetPod(set: KubeObject, ordinal: number, revision: string): KubeObject {
  const pod = podFromTemplate(set);
  const name = podName(set, ordinal);
  delete pod.metadata.generateName;
  pod.metadata.name = name;
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [POD_REVISION_LABEL]: revision, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) };
  pod.spec = { ...pod.spec, hostname: name };
  if (set.spec?.serviceName) pod.spec.subdomain = set.spec.serviceName;
  const templates = ((set.spec?.volumeClaimTemplates ?? []) as KubeObject[]).map((t) => t.metadata?.name ?? '');
  if (templates.length) {
    const claimVolumes = templates.map((t) => ({ name: t, persistentVolumeClaim: { claimName: claimName(set, t, ordinal) } }));
    const others = ((pod.spec.volumes ?? []) as any[]).filter((v) => !templates.includes(v.name));
    pod.spec.volumes = [...claimVolumes, ...others];
  }
  return pod;
}
