// Signs tenant tokens for local use (the dev server's demo kubeconfig, tests). The Worker
// verifies them with the public half (src/auth/tokens.ts).
import { importJWK, SignJWT } from 'jose';

export const ISSUER = 'https://kubeplay.local';

/** A token for `tenant` naming `user`, valid for `ttlSeconds`. */
export async function signTenantToken(signingJwk, { tenant, user, groups = [], ttlSeconds = 365 * 86400 }) {
  const key = await importJWK(signingJwk, 'ES256');
  return new SignJWT({ groups })
    .setProtectedHeader({ alg: 'ES256', kid: signingJwk.kid, typ: 'JWT' })
    .setSubject(user)
    .setAudience(tenant)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .setJti(crypto.randomUUID())
    .sign(key);
}

/** The audience of instructors' admin tokens (src/auth/issue.ts ADMIN_AUDIENCE). */
export const ADMIN_AUDIENCE = 'kubeplay-admin';

/** An instructor's admin token for the classroom API (`/admin/v1`), valid for `ttlSeconds`. */
export async function signAdminToken(signingJwk, { user = 'instructor', ttlSeconds = 365 * 86400 } = {}) {
  const key = await importJWK(signingJwk, 'ES256');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: signingJwk.kid, typ: 'JWT' })
    .setSubject(user)
    .setAudience(ADMIN_AUDIENCE)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .setJti(crypto.randomUUID())
    .sign(key);
}

/** A kubeconfig for one tenant cluster, as kubectl reads it. */
export function kubeconfig({ server, caPem, token, tenant, user }) {
  const ca = Buffer.from(caPem).toString('base64');
  return `apiVersion: v1
kind: Config
clusters:
- name: ${tenant}
  cluster:
    server: ${server}
    certificate-authority-data: ${ca}
users:
- name: ${user}
  user:
    token: ${token}
contexts:
- name: ${tenant}
  context:
    cluster: ${tenant}
    user: ${user}
    namespace: default
current-context: ${tenant}
`;
}
