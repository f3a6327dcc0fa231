/**
 * What a container answers to an HTTP request on one of its ports, as its image would: nginx and
 * httpd serve files from their own filesystem (so a volume's index.html is what you get),
 * WordPress redirects to its installer, agnhost and hello-app answer their fixed texts. Ports
 * nobody listens on refuse the connection; non-HTTP servers (redis, mysql) reset it.
 */
import type { KubeObject } from '../../apiserver/types';
import { containerBehaviour } from '../images/behaviour';
import { lookupImage, parseImageRef } from '../images/catalog';
import { nginxVersion } from './images';
import type { HttpResult } from './shell/interp';
import type { ContainerView } from './view';

/** An HTTP request as it reaches the pod. */
export interface HttpRequest {
  method: string;
  path: string;
  host: string;
}

type Answer = Omit<Extract<HttpResult, { ok: true }>, 'ok' | 'host'>;

const httpDate = (d: Date) => d.toUTCString();

function nginxError(code: number, reason: string, version: string): string {
  return `<html>\r\n<head><title>${code} ${reason}</title></head>\r\n<body>\r\n<center><h1>${code} ${reason}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

function apacheError(path: string): string {
  return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL ${path} was not found on this server.</p>\n</body></html>\n`;
}

function contentType(path: string): string {
  if (/\.html?$/.test(path)) return 'text/html';
  if (/\.css$/.test(path)) return 'text/css';
  if (/\.js$/.test(path)) return 'application/javascript';
  if (/\.json$/.test(path)) return 'application/json';
  return path.endsWith('.txt') ? 'text/plain' : 'application/octet-stream';
}

/** A static file server rooted at `root` in `view`. */
function staticFiles(view: ContainerView, root: string, req: HttpRequest, server: string, now: Date, notFound: (code: number, reason: string) => string): Answer {
  const path = decodeURIComponent(req.path.split('?')[0] || '/');
  const full = `${root}${path}`.replace(/\/+$/, '') || '/';
  const base: [string, string][] = [['Server', server], ['Date', httpDate(now)]];
  const kind = view.stat(full);
  const err = (status: number, reason: string): Answer => ({ status, reason, headers: [...base, ['Content-Type', 'text/html']], body: notFound(status, reason) });
  if (kind === 'd') {
    if (!path.endsWith('/')) return { status: 301, reason: 'Moved Permanently', headers: [...base, ['Content-Type', 'text/html'], ['Location', `http://${req.host}${path}/`]], body: notFound(301, 'Moved Permanently') };
    if (view.stat(`${full}/index.html`) === 'f') return file(`${full}/index.html`);
    return err(403, 'Forbidden');
  }
  if (kind === 'f') return file(full);
  return err(404, 'Not Found');
  function file(p: string): Answer {
    const body = view.read(p);
    return { status: 200, reason: 'OK', headers: [...base, ['Content-Type', contentType(p)], ['Content-Length', String(new TextEncoder().encode(body).length)]], body };
  }
}

const WP_INSTALL = `<!DOCTYPE html>
<html lang="en-US" xml:lang="en-US">
<head>
	<meta name="viewport" content="width=device-width" />
	<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
	<title>WordPress &rsaquo; Installation</title>
</head>
<body class="wp-core-ui language-chooser">
<p id="logo"><a href="https://wordpress.org/" tabindex="-1">WordPress</a></p>
<form id="setup" method="post" action="?step=1"><label class='screen-reader-text' for='language'>Select a default language</label>
</form>
</body>
</html>
`;

/** The containers of `pod` that listen on `port` now (running, and their program serves it). */
export function listener(pod: KubeObject, port: number): any | undefined {
  for (const c of pod.spec?.containers ?? []) {
    const st = (pod.status?.containerStatuses ?? []).find((s: any) => s.name === c.name);
    if (!st?.state?.running) continue;
    if (containerBehaviour(pod, c, {}).ports.includes(port)) return c;
  }
  return undefined;
}

/**
 * The answer of `container` (listening on the port) to `req`. `view` is the container's
 * filesystem. Undefined when the server does not speak HTTP (the client sees a reset).
 */
export function serveHttp(pod: KubeObject, container: any, view: ContainerView, req: HttpRequest, now: Date): Answer | undefined {
  const image = lookupImage(container.image ?? '');
  const repo = image?.repository ?? parseImageRef(container.image ?? '').repository;
  const name = repo.replace(/^.*\//, '');
  const date: [string, string] = ['Date', httpDate(now)];
  const text = (body: string, server?: string): Answer => ({ status: 200, reason: 'OK', headers: [...(server ? ([['Server', server]] as [string, string][]) : []), date, ['Content-Type', 'text/plain; charset=utf-8']], body });
  switch (name) {
    case 'nginx': {
      const v = nginxVersion(container.image);
      return staticFiles(view, '/usr/share/nginx/html', req, `nginx/${v}`, now, (c, r) => nginxError(c, r, v));
    }
    case 'httpd':
      return staticFiles(view, '/usr/local/apache2/htdocs', req, 'Apache/2.4.62 (Unix)', now, () => apacheError(req.path));
    case 'wordpress': {
      const path = req.path.split('?')[0];
      if (path === '/' || path === '/index.php') return { status: 302, reason: 'Found', headers: [date, ['Server', 'Apache/2.4.25 (Debian)'], ['X-Powered-By', 'PHP/7.2.34'], ['Location', `http://${req.host}/wp-admin/install.php`], ['Content-Type', 'text/html; charset=UTF-8']], body: '' };
      if (path === '/wp-admin/install.php') return { status: 200, reason: 'OK', headers: [date, ['Server', 'Apache/2.4.25 (Debian)'], ['Content-Type', 'text/html; charset=utf-8']], body: WP_INSTALL };
      return { status: 404, reason: 'Not Found', headers: [date, ['Server', 'Apache/2.4.25 (Debian)'], ['Content-Type', 'text/html; charset=iso-8859-1']], body: apacheError(path) };
    }
    case 'agnhost':
      if (req.path.startsWith('/hostname')) return text(pod.metadata.name ?? '');
      return text(`NOW: ${now.toISOString().replace('T', ' ').replace('Z', ' +0000 UTC')}`);
    case 'hello-app': {
      const version = parseImageRef(container.image).tag === '2.0' ? '2.0.0' : '1.0.0';
      return text(`Hello, world!\nVersion: ${version}\nHostname: ${pod.metadata.name}\n`);
    }
    case 'hpa-example':
      return { status: 200, reason: 'OK', headers: [date, ['Server', 'Apache/2.4.10 (Debian)'], ['X-Powered-By', 'PHP/5.6.40'], ['Content-Type', 'text/html; charset=UTF-8']], body: 'OK!' };
    case 'gb-frontend':
      return { status: 200, reason: 'OK', headers: [date, ['Server', 'Apache/2.4.10 (Debian)'], ['Content-Type', 'text/html']], body: '<html ng-app="redis">\n  <head>\n    <title>Guestbook</title>\n  </head>\n  <body ng-controller="RedisCtrl">\n    <h2>Guestbook</h2>\n  </body>\n</html>\n' };
    default:
      return undefined;
  }
}
