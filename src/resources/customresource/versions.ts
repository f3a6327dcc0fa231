/**
 * Kube-aware ordering of version names (k8s.io/apimachinery/pkg/version.CompareKubeAwareVersionStrings),
 * the order in which discovery lists a custom resource's versions, the first one preferred:
 * GA before beta before alpha, higher major then higher minor first (v2, v1, v1beta2, v1beta1,
 * v1alpha1), then the versions that do not look like Kubernetes versions, in name order.
 */
const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

function rank(v: string): [number, number, number] | undefined {
  const m = KUBE_VERSION.exec(v);
  if (!m) return undefined;
  const stability = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
  return [stability, Number(m[1]), m[3] === undefined ? 0 : Number(m[3])];
}

/** Negative when `a` sorts before `b` (is preferred over it). */
export function compareKubeAwareVersions(a: string, b: string): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra && rb) {
    // Stability first, then the major version, then the minor one, each larger first.
    for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return rb[i] - ra[i];
    return 0;
  }
  if (ra) return -1;
  if (rb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `versions` in discovery order (preferred first); a new array. */
export function sortKubeAwareVersions(versions: string[]): string[] {
  return [...versions].sort(compareKubeAwareVersions);
}
