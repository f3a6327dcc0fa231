// `kubeplay open ADDRESS[/PATH]`: a student's signed link to an app of their cluster, from
// their kubeconfig (its server, CA and token). The link signs the browser in to the cluster's
// app host for a few hours; it must be opened within two minutes.
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import YAML from 'yaml';

/** The current context's server, CA and token of a kubeconfig file. */
export function kubeconfigCredentials(file) {
  const kc = YAML.parse(readFileSync(file, 'utf8'));
  const ctx = (kc.contexts ?? []).find((c) => c.name === kc['current-context'])?.context ?? kc.contexts?.[0]?.context ?? {};
  const cluster = (kc.clusters ?? []).find((c) => c.name === ctx.cluster)?.cluster ?? kc.clusters?.[0]?.cluster;
  const user = (kc.users ?? []).find((u) => u.name === ctx.user)?.user ?? kc.users?.[0]?.user;
  if (!cluster?.server || !user?.token) throw new Error(`${file} has no server or token`);
  const ca = cluster['certificate-authority-data'] ? Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8') : undefined;
  return { server: cluster.server, ca, token: user.token, insecure: !!cluster['insecure-skip-tls-verify'] };
}

/** GET a JSON document with a bearer token. */
function getJson(url, { ca, token, insecure }) {
  const request = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((res, rej) => {
    const req = request(url, { ca, rejectUnauthorized: !insecure, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' }, timeout: 30_000 }, (r) => {
      const chunks = [];
      r.on('data', (c) => chunks.push(c));
      r.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (r.statusCode === 200) return res(JSON.parse(text));
        rej(new Error(`${r.statusCode} from ${url.origin}: ${text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200)}`));
      });
    });
    req.on('error', (e) => rej(new Error(`cannot reach ${url.origin}: ${e.message}`)));
    req.end();
  });
}

/** `open ADDRESS[/PATH] [--kubeconfig FILE]`: print the signed link (and the app root). */
export async function openCmd(words, flags) {
  const file = resolve(String(flags.kubeconfig ?? process.env.KUBECONFIG?.split(':')[0] ?? 'kubeconfig'));
  const creds = kubeconfigCredentials(file);
  const server = new URL(creds.server);
  const m = /^\/clusters\/([^/]+)\/?$/.exec(server.pathname);
  if (!m) throw new Error(`${creds.server} is not a kubeplay cluster URL (…/clusters/<name>)`);
  const target = String(words[0] ?? '').replace(/^\/+/, '');
  const link = new URL(`${server.origin}/apps/${m[1]}/_link`);
  link.searchParams.set('to', `/${target}`);
  const r = await getJson(link, creds);
  process.stdout.write(`${r.url}\n`);
  process.stderr.write(`Open it within two minutes; it signs this browser in to ${r.root}/ (curl: -H "Authorization: Bearer <your token>").\n`);
}
