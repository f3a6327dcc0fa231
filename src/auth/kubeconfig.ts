/** What a kubeconfig for one tenant cluster names. */
export interface KubeconfigInput {
  /** The cluster's API URL, `https://host/clusters/<tenant>`. */
  server: string;
  /** PEM of the CA that signed the server's certificate (env CA_PEM); omitted when empty. */
  caPem?: string;
  token: string;
  /** Name of the cluster and context entries. */
  name: string;
  /** Name of the user entry. */
  user: string;
  namespace?: string;
}

/**
 * The CA a kubeconfig carries as `certificate-authority-data`: the cluster CA (CA_PEM), unless
 * the deployment serves the API with a publicly trusted certificate (PUBLIC_CERTIFICATE=true, a
 * Cloudflare custom domain), which kubectl verifies against the system's roots with no CA data.
 */
export function kubeconfigCaPem(env: { CA_PEM?: string; PUBLIC_CERTIFICATE?: string }): string | undefined {
  return env.PUBLIC_CERTIFICATE === 'true' ? undefined : env.CA_PEM || undefined;
}

/** Base64 of a text (UTF-8), without Node's Buffer. */
function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * A kubeconfig (YAML, as kubectl reads it) for one tenant cluster: one cluster, one user with a
 * bearer token, one context made current. The shape is the one `npm start` writes
 * (scripts/lib/tokens.mjs). Names are quoted as YAML strings.
 */
export function kubeconfig(k: KubeconfigInput): string {
  const q = (s: string) => JSON.stringify(s);
  const ca = k.caPem ? `\n    certificate-authority-data: ${base64(k.caPem)}` : '';
  return `apiVersion: v1
kind: Config
clusters:
- name: ${q(k.name)}
  cluster:
    server: ${q(k.server)}${ca}
users:
- name: ${q(k.user)}
  user:
    token: ${k.token}
contexts:
- name: ${q(k.name)}
  context:
    cluster: ${q(k.name)}
    user: ${q(k.user)}
    namespace: ${q(k.namespace ?? 'default')}
current-context: ${q(k.name)}
`;
}
