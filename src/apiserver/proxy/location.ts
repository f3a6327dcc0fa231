/**
 * Where an API proxy request goes: the `[scheme:]name[:port]` of `pods/…/proxy`,
 * `services/…/proxy` and `nodes/…/proxy`, and the path after `proxy` that travels on.
 */
import type { KubeObject } from '../types';

/** The parts of a proxy target id, as k8s.io/apimachinery/pkg/util/net SplitSchemeNamePort. */
export interface SchemeNamePort {
  scheme: '' | 'http' | 'https';
  name: string;
  port: string;
}

/**
 * `name`, `name:port` or `scheme:name:port` (scheme `http`, `https` or empty; name not
 * empty), as SplitSchemeNamePort; undefined when the id is none of those (upstream then answers
 * `invalid pod request "…"` / `invalid service request "…"`).
 */
export function splitSchemeNamePort(id: string): SchemeNamePort | undefined {
  const parts = id.split(':');
  let scheme = '';
  let name: string;
  let port = '';
  if (parts.length === 1) [name] = parts;
  else if (parts.length === 2) [name, port] = parts;
  else if (parts.length === 3) [scheme, name, port] = parts;
  else return undefined;
  if (!name || !['', 'http', 'https'].includes(scheme)) return undefined;
  return { scheme: scheme as SchemeNamePort['scheme'], name, port };
}

/**
 * The path the proxied request carries: what follows the `proxy` segment of the raw (still
 * percent-encoded) path, `` when nothing does (the handler then redirects to `…/proxy/`, as
 * UpgradeAwareHandler does for an empty location path). `rawPath` is below the cluster prefix.
 */
export function pathAfterProxy(rawPath: string): string {
  // /api/v1/namespaces/NS/pods/NAME/proxy[/…] or /api/v1/nodes/NAME/proxy[/…]: the first `proxy`
  // segment after the resource's name (a name never contains a slash).
  const m = /^\/api\/v1\/(?:namespaces\/[^/]+\/)?(?:pods|services|nodes)\/[^/]+\/proxy(\/.*)?$/.exec(rawPath);
  return m?.[1] ?? '';
}

/** The port a pod proxy dials: the given one, else the first declared container port, else 80 (HTTP's). */
export function podProxyPort(pod: KubeObject, port: string, scheme: string): number | undefined {
  let p = port;
  if (!p) {
    for (const c of pod.spec?.containers ?? []) {
      if ((c.ports ?? []).length) {
        p = String(c.ports[0].containerPort);
        break;
      }
    }
  }
  if (!p) return scheme === 'https' ? 443 : 80;
  // Go's dialer reads a service name as its well-known port.
  if (p === 'http') return 80;
  if (p === 'https') return 443;
  return /^\d+$/.test(p) ? Number(p) : undefined;
}
