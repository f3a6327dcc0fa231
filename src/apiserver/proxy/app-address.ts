/**
 * The address part of an app URL: `/<host>[:<port>]/<path>`, where host is an address of the
 * cluster's network (a node's InternalIP, a LoadBalancer's external IP, ingress-nginx's) or an
 * Ingress host name, and port defaults to 80 (443 means HTTPS, as a browser would speak it).
 */

/** An app address and the path that follows it. */
export interface AppAddress {
  host: string;
  port: number;
  /** `host` or `host:port`, as it appears in the URL. */
  segment: string;
  /** The rest of the path (raw, with its query), `/` at least. */
  path: string;
}

const HOST = /^(?:\d{1,3}(?:\.\d{1,3}){3}|(?:\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$/;

/** Parse `/<address>/<path>` (raw path, query appended); undefined when it names no address. */
export function parseAppPath(rawPath: string, search = ''): AppAddress | undefined {
  const m = /^\/([^/]+)(\/.*)?$/.exec(rawPath);
  if (!m) return undefined;
  const segment = decodeURIComponent(m[1]).toLowerCase();
  const hp = /^([^:]+)(?::(\d{1,5}))?$/.exec(segment);
  if (!hp || !HOST.test(hp[1]) || segment.startsWith('_')) return undefined;
  const port = hp[2] ? Number(hp[2]) : 80;
  if (port < 1 || port > 65535) return undefined;
  return { host: hp[1], port, segment, path: `${m[2] ?? '/'}${search}` };
}

/** The segment an absolute URL's `scheme://authority` stands for (`host`, `host:443`, `host:8080`). */
export function segmentOf(scheme: string, authority: string): string {
  const [host, port] = authority.split(':');
  if (port) return (scheme === 'https' && port === '443') || (scheme === 'http' && port === '80') ? (port === '80' ? host : `${host}:443`) : `${host}:${port}`;
  return scheme === 'https' ? `${host}:443` : host;
}
