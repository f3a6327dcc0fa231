import { describe, expect, it } from 'vitest';
import { rewriteAnswer, rewriteHtml, rewriteURL, type LinkRewrite } from '../../../src/apiserver/proxy/rewrite';

const r: LinkRewrite = { prefix: '/api/v1/namespaces/default/services/wp:80/proxy', sameHosts: ['10.244.1.5:80', '10.244.1.5', '127.0.0.1:8001'] };

describe('rewriteURL', () => {
  it('puts path-absolute links under the prefix, keeping a trailing slash and the query', () => {
    expect(rewriteURL('/wp-admin/install.php?step=1', r)).toBe('/api/v1/namespaces/default/services/wp:80/proxy/wp-admin/install.php?step=1');
    expect(rewriteURL('/static/', r)).toBe('/api/v1/namespaces/default/services/wp:80/proxy/static/');
    expect(rewriteURL('/', r)).toBe('/api/v1/namespaces/default/services/wp:80/proxy/');
  });

  it('rewrites absolute links to the backend or to the host the client used', () => {
    expect(rewriteURL('http://10.244.1.5/wp-admin/install.php', r)).toBe('/api/v1/namespaces/default/services/wp:80/proxy/wp-admin/install.php');
    expect(rewriteURL('http://127.0.0.1:8001/x', r)).toBe('/api/v1/namespaces/default/services/wp:80/proxy/x');
    expect(rewriteURL('http://10.244.1.5/x', { ...r, origin: 'https://demo.apps.localhost:8443' })).toBe('https://demo.apps.localhost:8443/api/v1/namespaces/default/services/wp:80/proxy/x');
  });

  it('leaves relative links, other hosts, other schemes and already prefixed paths alone', () => {
    expect(rewriteURL('style.css', r)).toBe('style.css');
    expect(rewriteURL('?step=1', r)).toBe('?step=1');
    expect(rewriteURL('https://wordpress.org/', r)).toBe('https://wordpress.org/');
    expect(rewriteURL('mailto:a@b.c', r)).toBe('mailto:a@b.c');
    expect(rewriteURL('#top', r)).toBe('#top');
    expect(rewriteURL('/api/v1/namespaces/default/services/wp:80/proxy/x', r)).toBe('/api/v1/namespaces/default/services/wp:80/proxy/x');
  });
});

describe('rewriteHtml', () => {
  it('rewrites the URL attributes of the elements upstream knows, and nothing in scripts or comments', () => {
    const html = `<html><head><link rel="stylesheet" href="/css/a.css"><script src='/js/a.js'>var u = "<a href=\\"/x\\">";</script></head>
<body><!-- <a href="/hidden"> --><a href="/about" class="nav">About</a> <a href=rel.html>rel</a>
<img src=/logo.png alt="/not-a-link"><form method="post" action="/login"></form><a href="https://wordpress.org/">WP</a></body></html>`;
    const out = rewriteHtml(html, r);
    const p = '/api/v1/namespaces/default/services/wp:80/proxy';
    expect(out).toContain(`href="${p}/css/a.css"`);
    expect(out).toContain(`src='${p}/js/a.js'`);
    expect(out).toContain('var u = "<a href=\\"/x\\">";');
    expect(out).toContain('<!-- <a href="/hidden"> -->');
    expect(out).toContain(`<a href="${p}/about" class="nav">`);
    expect(out).toContain('<a href=rel.html>');
    expect(out).toContain(`<img src="${p}/logo.png" alt="/not-a-link">`);
    expect(out).toContain(`action="${p}/login"`);
    expect(out).toContain('href="https://wordpress.org/"');
  });

  it('keeps entities in rewritten values', () => {
    expect(rewriteHtml('<a href="/a?x=1&amp;y=2">', r)).toBe('<a href="/api/v1/namespaces/default/services/wp:80/proxy/a?x=1&amp;y=2">');
  });
});

describe('rewriteAnswer', () => {
  it('rewrites Location, drops Content-Length and leaves non-HTML bodies alone', () => {
    const a = rewriteAnswer([['Location', 'http://10.244.1.5/wp-admin/install.php'], ['Content-Length', '3'], ['Content-Type', 'text/plain']], '<a href="/x">', r);
    expect(a.headers).toEqual([['Location', '/api/v1/namespaces/default/services/wp:80/proxy/wp-admin/install.php'], ['Content-Type', 'text/plain']]);
    expect(a.body).toBe('<a href="/x">');
  });
});
