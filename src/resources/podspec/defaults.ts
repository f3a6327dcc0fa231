/**
 * Scheme defaulting of PodSpec and everything inside it, after pkg/apis/core/v1/defaults.go and
 * the declarative defaults of k8s.io/api/core/v1 (zz_generated.defaults.go): SetDefaults_PodSpec,
 * _Container, _Probe, _HTTPGetAction, _Volume and the volume sources, _ObjectFieldSelector.
 * `defaultPod` adds what only SetDefaults_Pod does (requests from limits, enableServiceLinks,
 * host-network ports).
 */
import { arr, ensureObj, isObj } from './common';
import { canonicalQuantity } from '../../apiserver/quantity';

/** The tag of an image reference as parsers.ParseImageName reports it (`latest` when untagged). */
export function imageTag(image: string): string {
  const noDigest = image.split('@');
  const last = noDigest[0].slice(noDigest[0].lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  if (colon >= 0) return last.slice(colon + 1);
  return noDigest.length > 1 ? '' : 'latest';
}

/** SetDefaults_HTTPGetAction. */
function defaultHttpGet(h: unknown): void {
  if (!isObj(h)) return;
  h.path ||= '/';
  h.scheme ||= 'HTTP';
}

/** LifecycleHandler / ProbeHandler defaults (httpGet only has any). */
function defaultHandler(h: unknown): void {
  if (isObj(h)) defaultHttpGet(h.httpGet);
}

/** SetDefaults_Probe plus its handler. */
export function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  p.timeoutSeconds ||= 1;
  p.periodSeconds ||= 10;
  p.successThreshold ||= 1;
  p.failureThreshold ||= 3;
  defaultHandler(p);
}

function defaultFieldRef(ref: unknown): void {
  if (isObj(ref)) ref.apiVersion ||= 'v1';
}

/** SetDefaults_Container and the defaults of its members (ports, env, probes, lifecycle). */
export function defaultContainer(c: Record<string, any>): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(String(c.image ?? '')) === 'latest' ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  // ResourceRequirements is a struct in Go: it always serialises, as `resources: {}` when empty.
  if (!isObj(c.resources)) c.resources = {};
  canonicalizeQuantities(c.resources.requests);
  canonicalizeQuantities(c.resources.limits);
  for (const p of arr(c.ports)) if (isObj(p)) p.protocol ||= 'TCP';
  for (const e of arr(c.env)) if (isObj(e) && isObj(e.valueFrom)) defaultFieldRef(e.valueFrom.fieldRef);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  if (isObj(c.lifecycle)) {
    defaultHandler(c.lifecycle.postStart);
    defaultHandler(c.lifecycle.preStop);
  }
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

/** The volume source keys a Volume may carry (exactly one must be set). */
export const volumeSourceKeys: readonly string[] = VOLUME_SOURCES;

/** SetDefaults_Volume and the defaults of the volume sources. */
export function defaultVolume(v: Record<string, any>): void {
  if (!VOLUME_SOURCES.some((k) => v[k] !== undefined && v[k] !== null)) v.emptyDir = {};
  if (isObj(v.secret)) v.secret.defaultMode ??= 420;
  if (isObj(v.configMap)) v.configMap.defaultMode ??= 420;
  if (isObj(v.downwardAPI)) {
    v.downwardAPI.defaultMode ??= 420;
    for (const i of arr(v.downwardAPI.items)) if (isObj(i)) defaultFieldRef(i.fieldRef);
  }
  if (isObj(v.hostPath)) v.hostPath.type ??= '';
  if (isObj(v.projected)) {
    v.projected.defaultMode ??= 420;
    for (const s of arr(v.projected.sources)) {
      if (!isObj(s)) continue;
      if (isObj(s.serviceAccountToken)) s.serviceAccountToken.expirationSeconds ??= 3600;
      if (isObj(s.downwardAPI)) for (const i of arr(s.downwardAPI.items)) if (isObj(i)) defaultFieldRef(i.fieldRef);
    }
  }
  if (isObj(v.image) && !v.image.pullPolicy) {
    v.image.pullPolicy = imageTag(String(v.image.reference ?? '')) === 'latest' ? 'Always' : 'IfNotPresent';
  }
}

/**
 * SetDefaults_PodSpec and nested defaults. Also mirrors the v1 conversion that keeps the
 * deprecated `serviceAccount` in step with `serviceAccountName`.
 */
export function defaultPodSpec(spec: Record<string, any>): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  if (!isObj(spec.securityContext)) spec.securityContext = {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  for (const list of [spec.containers, spec.initContainers, spec.ephemeralContainers]) {
    for (const c of arr(list)) if (isObj(c)) defaultContainer(c);
  }
  for (const v of arr(spec.volumes)) if (isObj(v)) defaultVolume(v);
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
}

/**
 * Defaults of a PodTemplateSpec (workload templates): the spec's, plus the `creationTimestamp:
 * null` that a Go ObjectMeta round trip prints in templates.
 */
export function defaultPodTemplate(tpl: unknown): void {
  if (!isObj(tpl)) return;
  const meta = ensureObj(tpl, 'metadata');
  if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
  defaultPodSpec(ensureObj(tpl, 'spec'));
}

/** SetDefaults_Pod: PodSpec defaults plus requests from limits, service links, host ports. */
export function defaultPod(pod: Record<string, any>): void {
  const spec = ensureObj(pod, 'spec');
  defaultPodSpec(spec);
  for (const list of [spec.containers, spec.initContainers]) {
    for (const c of arr(list)) {
      if (!isObj(c) || !isObj(c.resources) || !isObj(c.resources.limits)) continue;
      const req = ensureObj(c.resources, 'requests');
      for (const [k, v] of Object.entries(c.resources.limits)) if (!(k in req)) req[k] = v;
    }
  }
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork) {
    for (const list of [spec.containers, spec.initContainers]) {
      for (const c of arr(list)) for (const p of arr(c?.ports)) if (isObj(p) && !p.hostPort) p.hostPort = p.containerPort;
    }
  }
}

/**
 * Quantities are stored in their canonical form, as a Quantity round-trips through the API
 * (`0.5` → `500m`, a JSON number `1` → `"1"`); an invalid one is left for validation to name.
 */
export function canonicalizeQuantities(list: unknown): void {
  if (!isObj(list)) return;
  for (const [k, v] of Object.entries(list)) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    try {
      list[k] = canonicalQuantity(v);
    } catch {
      // Left as written: validation reports it with upstream's message.
    }
  }
}
