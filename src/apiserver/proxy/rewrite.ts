/**
 * Links that stay under a proxy's prefix, as k8s.io/apimachinery/pkg/util/proxy's Transport
 * rewrites them: a `Location` header and the URL attributes of an HTML page that point at the
 * backend itself (a path-absolute URL, or an absolute one naming the backend's host or the host
 * the client asked for) get the prefix prepended; relative links and other hosts stay as they are.
 */

/** How links are rewritten for one proxied response. */
export interface LinkRewrite {
  /** Path-absolute prefix, e.g. `/api/v1/namespaces/default/services/web:80/proxy`. */
  prefix: string;
  /** Hosts (`host[:port]`) that mean "the backend": its address and the Host the client used. */
  sameHosts: string[];
  /** Scheme and host to give rewritten links; without them links become path-absolute. */
  origin?: string;
  /**
   * For absolute links: the full prefix (origin and path) that stands for `scheme://authority`,
   * or undefined for a host that is not the backend. Replaces `sameHosts` when given.
   */
  absolute?: (scheme: string, authority: string) => string | undefined;
}

const URL_PARTS = /^([a-zA-Z][a-zA-Z0-9+.-]*:)?(\/\/[^/?#]*)?([^?#]*)(.*)$/s;

/** path.Join of a prefix and a path, keeping the path's trailing slash (as upstream adds it back). */
function joinPath(prefix: string, p: string): string {
  const out: string[] = [];
  for (const seg of `${prefix}/${p}`.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  const joined = `/${out.join('/')}`;
  return p.endsWith('/') && joined !== '/' ? `${joined}/` : joined;
}

/** One URL rewritten under the prefix (upstream Transport.rewriteURL), or returned unchanged. */
export function rewriteURL(target: string, r: LinkRewrite): string {
  const m = URL_PARTS.exec(target);
  if (!m) return target;
  const [, scheme = '', authority = '', path, rest] = m;
  const host = authority.slice(2);
  if (scheme && !authority) return target; // mailto:, javascript:, data:…
  if (host && r.absolute) {
    const pre = r.absolute(scheme.replace(/:$/, '').toLowerCase(), host.toLowerCase());
    return pre === undefined ? target : `${pre}${path.startsWith('/') ? path : `/${path}`}${rest}`;
  }
  const differentHost = host !== '' && !r.sameHosts.some((h) => h.toLowerCase() === host.toLowerCase());
  if (differentHost || !path.startsWith('/')) return target;
  const p = path === r.prefix || path.startsWith(`${r.prefix}/`) ? path : joinPath(r.prefix, path);
  return `${r.origin ?? ''}${p}${rest}`;
}

/** The URL-bearing attributes per element upstream rewrites (transport.go atomsToAttrs). */
const URL_ATTRS: Record<string, string[]> = {
  a: ['href'], applet: ['codebase'], area: ['href'], audio: ['src'], base: ['href'], blockquote: ['cite'],
  body: ['background'], button: ['formaction'], command: ['icon'], del: ['cite'], embed: ['src'],
  form: ['action'], frame: ['longdesc', 'src'], head: ['profile'], html: ['manifest'], iframe: ['longdesc', 'src'],
  img: ['longdesc', 'src', 'usemap'], input: ['src', 'usemap', 'formaction'], ins: ['cite'], link: ['href'],
  object: ['classid', 'codebase', 'data', 'usemap'], q: ['cite'], script: ['src'], source: ['src'], video: ['poster', 'src'],
};

const ATTR = /(\s)([a-zA-Z_:][-a-zA-Z0-9_:.]*)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)/g;

function rewriteTag(tag: string, name: string, r: LinkRewrite): string {
  const attrs = URL_ATTRS[name];
  if (!attrs) return tag;
  return tag.replace(ATTR, (all, sp: string, attr: string, eq: string, value: string) => {
    if (!attrs.includes(attr.toLowerCase())) return all;
    const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
    const raw = quote ? value.slice(1, -1) : value;
    const decoded = raw.replace(/&amp;/g, '&');
    const next = rewriteURL(decoded, r);
    if (next === decoded) return all;
    const q = quote || '"';
    return `${sp}${attr}${eq}${q}${next.replace(/&/g, '&amp;')}${q}`;
  });
}

/**
 * An HTML document with its URL attributes rewritten (upstream rewriteHTML over the tokenizer):
 * comments and the text of script and style elements are left alone.
 */
export function rewriteHtml(html: string, r: LinkRewrite): string {
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      const stop = end < 0 ? html.length : end + 3;
      out += html.slice(lt, stop);
      i = stop;
      continue;
    }
    const m = /^<([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^>]*)?>/.exec(html.slice(lt, lt + 4096));
    if (!m) {
      out += '<';
      i = lt + 1;
      continue;
    }
    const name = m[1].toLowerCase();
    out += rewriteTag(m[0], name, r);
    i = lt + m[0].length;
    if (name === 'script' || name === 'style') {
      const close = html.toLowerCase().indexOf(`</${name}`, i);
      const stop = close < 0 ? html.length : close;
      out += html.slice(i, stop);
      i = stop;
    }
  }
  return out;
}

/** Whether a Content-Type is an HTML document (the only bodies upstream rewrites). */
export function isHtml(contentType: string | undefined): boolean {
  return /^\s*text\/html\b/i.test(contentType ?? '');
}

/**
 * A proxied answer's headers and body with their links under the prefix: `Location` always,
 * the body when it is HTML. Content-Length goes (the body may change; the response sets it).
 */
export function rewriteAnswer(headers: [string, string][], body: string, r: LinkRewrite): { headers: [string, string][]; body: string } {
  const type = headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  const out = headers
    .filter(([k]) => k.toLowerCase() !== 'content-length')
    .map(([k, v]): [string, string] => (k.toLowerCase() === 'location' ? [k, rewriteURL(v, r)] : [k, v]));
  return { headers: out, body: isHtml(type) ? rewriteHtml(body, r) : body };
}
