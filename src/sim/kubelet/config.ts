/**
 * What the kubelet resolves before it can run a container: environment variables from
 * ConfigMaps, Secrets and the downward API (errors become CreateContainerConfigError), and the
 * ConfigMap/Secret volume sources (errors become FailedMount). Messages are upstream's
 * (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables; volume plugins' SetUp errors).
 */
import type { KubeObject } from '../../apiserver/types';
import type { KubeletEnv } from './types';
import { parseQuantity } from './quantity';

/** Environment or the first error message (`configmap "x" not found`). */
export type EnvResult = { env: Record<string, string> } | { error: string };

function decode(b64: string): string {
  try {
    return atob(b64);
  } catch {
    return b64;
  }
}

function configMapData(cm: KubeObject): Record<string, string> {
  return { ...(cm.data ?? {}), ...Object.fromEntries(Object.entries(cm.binaryData ?? {}).map(([k, v]) => [k, decode(String(v))])) };
}

function secretData(s: KubeObject): Record<string, string> {
  return { ...Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, decode(String(v))])), ...(s.stringData ?? {}) };
}

function fieldRef(pod: KubeObject, path: string, ip: string | undefined): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (pod.metadata[m[1]] as Record<string, string> | undefined)?.[m[2]] ?? '';
  const fields: Record<string, string | undefined> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'metadata.uid': pod.metadata.uid,
    'spec.nodeName': pod.spec?.nodeName,
    'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.hostIP': pod.status?.hostIP,
    'status.podIP': ip ?? pod.status?.podIP,
    'status.podIPs': ip ?? pod.status?.podIP,
  };
  return fields[path] ?? '';
}

function resourceField(container: any, resource: string, divisor: string | undefined): string {
  const [kind, name] = resource.split('.');
  const value = parseQuantity(container.resources?.[kind]?.[name]) ?? (name === 'cpu' ? 2 : 4 * 2 ** 30);
  const d = parseQuantity(divisor) ?? 1;
  return String(Math.ceil(value / d));
}

/** Resolves a container's environment as the kubelet does, or returns the first error. */
export function resolveEnv(pod: KubeObject, container: any, env: KubeletEnv, ip?: string): EnvResult {
  const ns = pod.metadata.namespace ?? 'default';
  const out: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = env.configMap(ns, from.configMapRef.name);
      if (!cm) {
        if (from.configMapRef.optional) continue;
        return { error: `configmap "${from.configMapRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(configMapData(cm))) out[prefix + k] = v;
    } else if (from.secretRef) {
      const s = env.secret(ns, from.secretRef.name);
      if (!s) {
        if (from.secretRef.optional) continue;
        return { error: `secret "${from.secretRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(secretData(s))) out[prefix + k] = v;
    }
  }
  for (const e of container.env ?? []) {
    const vf = e.valueFrom;
    if (!vf) {
      out[e.name] = String(e.value ?? '').replace(/\$\((\w+)\)/g, (m: string, n: string) => out[n] ?? m);
    } else if (vf.configMapKeyRef) {
      const { name, key, optional } = vf.configMapKeyRef;
      const cm = env.configMap(ns, name);
      if (!cm) {
        if (optional) continue;
        return { error: `configmap "${name}" not found` };
      }
      const data = configMapData(cm);
      if (!(key in data)) {
        if (optional) continue;
        return { error: `couldn't find key ${key} in ConfigMap ${ns}/${name}` };
      }
      out[e.name] = data[key];
    } else if (vf.secretKeyRef) {
      const { name, key, optional } = vf.secretKeyRef;
      const s = env.secret(ns, name);
      if (!s) {
        if (optional) continue;
        return { error: `secret "${name}" not found` };
      }
      const data = secretData(s);
      if (!(key in data)) {
        if (optional) continue;
        return { error: `couldn't find key ${key} in Secret ${ns}/${name}` };
      }
      out[e.name] = data[key];
    } else if (vf.fieldRef) {
      out[e.name] = fieldRef(pod, vf.fieldRef.fieldPath, ip);
    } else if (vf.resourceFieldRef) {
      const c = vf.resourceFieldRef.containerName ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x: any) => x.name === vf.resourceFieldRef.containerName) ?? container : container;
      out[e.name] = resourceField(c, vf.resourceFieldRef.resource, vf.resourceFieldRef.divisor);
    }
  }
  return { env: out };
}

/** One volume that cannot be set up, with the FailedMount message the kubelet records. */
export interface MountFailure {
  volume: string;
  message: string;
}

/** The pod's ConfigMap/Secret (and projected) volumes whose source is missing. */
export function mountFailures(pod: KubeObject, env: KubeletEnv): MountFailure[] {
  const ns = pod.metadata.namespace ?? 'default';
  const out: MountFailure[] = [];
  const fail = (volume: string, what: string) => out.push({ volume, message: `MountVolume.SetUp failed for volume "${volume}" : ${what}` });
  for (const v of pod.spec?.volumes ?? []) {
    if (v.configMap && !v.configMap.optional && !env.configMap(ns, v.configMap.name)) fail(v.name, `configmap "${v.configMap.name}" not found`);
    if (v.secret && !v.secret.optional && !env.secret(ns, v.secret.secretName)) fail(v.name, `secret "${v.secret.secretName}" not found`);
    for (const src of v.projected?.sources ?? []) {
      if (src.configMap && !src.configMap.optional && !env.configMap(ns, src.configMap.name)) fail(v.name, `configmap "${src.configMap.name}" not found`);
      if (src.secret && !src.secret.optional && !env.secret(ns, src.secret.name)) fail(v.name, `secret "${src.secret.name}" not found`);
    }
  }
  return out;
}
