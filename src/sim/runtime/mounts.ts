/**
 * The mounts of one container, as the kubelet sets them up: the pod's volumes at their
 * volumeMounts (subPath, readOnly), plus the files the kubelet manages in every container
 * (/etc/hosts, /etc/hostname, /etc/resolv.conf; upstream pkg/kubelet/kubelet_pods.go
 * makeMounts / ensureHostsFile, pkg/kubelet/network/dns). ConfigMap and Secret volumes are read
 * at the time of the call, as the kubelet's periodic sync would have refreshed them.
 */
import type { KubeObject } from '../../apiserver/types';
import type { Mount } from './view';
import { normalizePath } from './files';

/** What mounts need of the cluster. */
export interface MountLookup {
  configMap(ns: string, name: string): KubeObject | undefined;
  secret(ns: string, name: string): KubeObject | undefined;
  pvc(ns: string, name: string): KubeObject | undefined;
  /** The cluster DNS Service IP (kube-system/kube-dns). */
  dnsIP: string;
}

/** Storage key of a pod's emptyDir volume. */
export const emptyDirVol = (uid: string, name: string) => `emptydir/${uid}/${name}`;
/** Storage key of a container's writable layer; a restart gets a new one. */
export const overlayVol = (uid: string, container: string, restarts: number) => `overlay/${uid}/${container}/${restarts}`;
/** Storage key of a node's filesystem (hostPath volumes). */
export const hostVol = (node: string) => `hostpath/${node}`;
/** Storage key of a PersistentVolume's content. */
export const pvVol = (pv: string) => `pv/${pv}`;

function b64decode(s: string): string {
  try {
    const bin = atob(s);
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return s;
  }
}

function keyed(data: Record<string, string>, items: { key: string; path: string }[] | undefined): Record<string, string> {
  if (!items?.length) return { ...data };
  const out: Record<string, string> = {};
  for (const it of items) if (it.key in data) out[it.path] = data[it.key];
  return out;
}

function configMapFiles(cm: KubeObject | undefined, items?: any[]): Record<string, string> {
  if (!cm) return {};
  const data: Record<string, string> = { ...(cm.data ?? {}) };
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) data[k] = b64decode(String(v));
  return keyed(data, items);
}

function secretFiles(s: KubeObject | undefined, items?: any[]): Record<string, string> {
  if (!s) return {};
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) data[k] = b64decode(String(v));
  for (const [k, v] of Object.entries(s.stringData ?? {})) data[k] = String(v);
  return keyed(data, items);
}

function fieldValue(pod: KubeObject, path: string): string {
  const m = /^metadata\.(labels|annotations)(?:\['(.+)'\])?$/.exec(path);
  if (m) {
    const map = (pod.metadata[m[1]] ?? {}) as Record<string, string>;
    if (m[2]) return map[m[2]] ?? '';
    return Object.entries(map).map(([k, v]) => `${k}="${v}"`).join('\n');
  }
  const f: Record<string, string | undefined> = { 'metadata.name': pod.metadata.name, 'metadata.namespace': pod.metadata.namespace, 'metadata.uid': pod.metadata.uid, 'spec.nodeName': pod.spec?.nodeName, 'spec.serviceAccountName': pod.spec?.serviceAccountName, 'status.podIP': pod.status?.podIP, 'status.hostIP': pod.status?.hostIP };
  return f[path] ?? '';
}

function downwardFiles(pod: KubeObject, items: any[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const it of items ?? []) if (it.fieldRef) out[it.path] = fieldValue(pod, it.fieldRef.fieldPath);
  return out;
}

/** A stand-in for a bound service account token (a JWT-shaped string; it authenticates nothing). */
function tokenFor(pod: KubeObject): string {
  const enc = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${enc({ alg: 'RS256', kid: 'kubeplay' })}.${enc({ aud: ['https://kubernetes.default.svc.cluster.local'], iss: 'https://kubernetes.default.svc.cluster.local', sub: `system:serviceaccount:${pod.metadata.namespace}:${pod.spec?.serviceAccountName ?? 'default'}` })}.c2ltdWxhdGVk`;
}

function projectedFiles(pod: KubeObject, ns: string, v: any, lookup: MountLookup): Record<string, string> {
  const out: Record<string, string> = {};
  for (const src of v.projected?.sources ?? []) {
    if (src.configMap) Object.assign(out, configMapFiles(lookup.configMap(ns, src.configMap.name), src.configMap.items));
    if (src.secret) Object.assign(out, secretFiles(lookup.secret(ns, src.secret.name), src.secret.items));
    if (src.downwardAPI) Object.assign(out, downwardFiles(pod, src.downwardAPI.items));
    if (src.serviceAccountToken) out[src.serviceAccountToken.path ?? 'token'] = tokenFor(pod);
  }
  return out;
}

/** The pod's hostname and its FQDN (hostname.subdomain.ns.svc.cluster.local when it has a subdomain). */
export function podHostname(pod: KubeObject): { hostname: string; fqdn?: string } {
  const hostname = pod.spec?.hostname ?? pod.metadata.name ?? '';
  const sub = pod.spec?.subdomain;
  return { hostname, fqdn: sub ? `${hostname}.${sub}.${pod.metadata.namespace}.svc.cluster.local` : undefined };
}

/** The kubelet-managed /etc/hosts (upstream managedHostsHeader and the pod's own line). */
export function hostsFile(pod: KubeObject): string {
  const { hostname, fqdn } = podHostname(pod);
  let s = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  const ip = pod.status?.podIP;
  if (ip) s += fqdn ? `${ip}\t${fqdn}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  for (const h of pod.spec?.hostAliases ?? []) s += `\n# Entries added by HostAliases.\n${h.ip}\t${(h.hostnames ?? []).join('\t')}\n`;
  return s;
}

/** /etc/resolv.conf of a ClusterFirst pod. */
export function resolvConf(pod: KubeObject, dnsIP: string): string {
  const ns = pod.metadata.namespace ?? 'default';
  return `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver ${dnsIP}\noptions ndots:5\n`;
}

/** The mounts of a container of `pod` (containers and init containers), most specific first is not required. */
export function containerMounts(pod: KubeObject, container: any, lookup: MountLookup): Mount[] {
  const ns = pod.metadata.namespace ?? 'default';
  const uid = pod.metadata.uid ?? pod.metadata.name ?? '';
  const volumes = new Map<string, any>((pod.spec?.volumes ?? []).map((v: any) => [v.name, v]));
  const mounts: Mount[] = [
    { at: '/etc/hosts', kind: 'static', files: { '': hostsFile(pod) }, readOnly: true, file: true },
    { at: '/etc/hostname', kind: 'static', files: { '': podHostname(pod).hostname + '\n' }, readOnly: true, file: true },
    { at: '/etc/resolv.conf', kind: 'static', files: { '': resolvConf(pod, lookup.dnsIP) }, readOnly: true, file: true },
  ];
  for (const vm of container.volumeMounts ?? []) {
    const v = volumes.get(vm.name);
    if (!v) continue;
    const at = normalizePath(vm.mountPath ?? '/');
    const ro = !!vm.readOnly;
    const sub = vm.subPath ? '/' + String(vm.subPath).replace(/^\/+/, '') : '';
    let store: { vol: string; base: string } | undefined;
    let files: Record<string, string> | undefined;
    if (v.emptyDir) store = { vol: emptyDirVol(uid, v.name), base: '' };
    else if (v.hostPath) store = { vol: hostVol(pod.spec?.nodeName ?? ''), base: normalizePath(v.hostPath.path ?? '/') };
    else if (v.persistentVolumeClaim) {
      const claim = lookup.pvc(ns, v.persistentVolumeClaim.claimName);
      store = { vol: claim?.spec?.volumeName ? pvVol(claim.spec.volumeName) : `pvc/${claim?.metadata.uid ?? v.persistentVolumeClaim.claimName}`, base: '' };
    } else if (v.configMap) files = configMapFiles(lookup.configMap(ns, v.configMap.name), v.configMap.items);
    else if (v.secret) files = secretFiles(lookup.secret(ns, v.secret.secretName), v.secret.items);
    else if (v.downwardAPI) files = downwardFiles(pod, v.downwardAPI.items);
    else if (v.projected) files = projectedFiles(pod, ns, v, lookup);
    else store = { vol: emptyDirVol(uid, v.name), base: '' };
    if (store) {
      const base = store.base === '/' ? '' : store.base;
      mounts.push({ at, kind: 'store', vol: store.vol, sub: normalizePath(base + sub), readOnly: ro });
    } else if (files) {
      if (sub) mounts.push({ at, kind: 'static', files: { '': files[sub.slice(1)] ?? '' }, readOnly: true, file: sub.slice(1) in files });
      else mounts.push({ at, kind: 'static', files, readOnly: true });
    }
  }
  return mounts;
}
