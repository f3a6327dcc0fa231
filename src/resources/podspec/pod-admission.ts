/**
 * What kube-apiserver's default admission plugins add to every new Pod, reproduced here because
 * `kubectl get pod -o yaml` shows it: ServiceAccount (serviceAccountName `default` and the
 * `kube-api-access-*` projected token volume), DefaultTolerationSeconds (not-ready/unreachable
 * for 300s). Only for creates; mirror pods skipped. Priority and RuntimeClass read the cluster's
 * classes, so they run with the admission that sees storage (priorityclass/, runtimeclass/).
 */
import { arr, ensureObj, isObj } from './common';

/** Where the ServiceAccount plugin mounts the token volume. */
export const SA_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
/** utilrand's alphabet (no vowels, no confusable digits). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(n: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return Array.from(bytes, (b) => ALPHANUMS[b % ALPHANUMS.length]).join('');
}

/** The projected volume the ServiceAccount plugin adds (token, cluster CA, namespace). */
export function serviceAccountVolume(name: string): Record<string, any> {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

/** ServiceAccount admission: default the account, mount its token unless opted out. */
export function admitServiceAccount(spec: Record<string, any>, suffix = randomSuffix(5)): void {
  spec.serviceAccountName ||= 'default';
  spec.serviceAccount = spec.serviceAccountName;
  if (spec.automountServiceAccountToken === false) return;
  const containers = [...arr(spec.initContainers), ...arr(spec.containers)].filter(isObj);
  const mounted = containers.some((c) => arr(c.volumeMounts).some((m: any) => m?.mountPath === SA_MOUNT_PATH));
  if (mounted) return;
  const name = `kube-api-access-${suffix}`;
  spec.volumes = [...arr(spec.volumes), serviceAccountVolume(name)];
  for (const c of containers) c.volumeMounts = [...arr(c.volumeMounts), { name, readOnly: true, mountPath: SA_MOUNT_PATH }];
}

/** DefaultTolerationSeconds admission: tolerate not-ready and unreachable NoExecute for 300s. */
export function admitDefaultTolerations(spec: Record<string, any>): void {
  const tolerations = arr(spec.tolerations).slice();
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const covered = tolerations.some((t: any) => isObj(t) && (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute'));
    if (!covered) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tolerations;
}

/** All of the above, in the order kube-apiserver's admission chain runs them. */
export function admitNewPod(pod: Record<string, any>): void {
  const spec = ensureObj(pod, 'spec');
  if (isObj(pod.metadata?.annotations) && MIRROR_ANNOTATION in pod.metadata.annotations) return;
  admitServiceAccount(spec);
  admitDefaultTolerations(spec);
}
