/**
 * Reading a credential: the claims of a token (unverified: the server verifies), the session it
 * opens, and the token of a kubeconfig file. No DOM here, so the unit tests run it as is.
 */

/** The audience of the instructor's admin token (src/auth/issue.ts ADMIN_AUDIENCE). */
export const ADMIN_AUDIENCE = 'kubeplay-admin';

export interface Session {
  token: string;
  /** `student` for a cluster token (aud = tenant), `admin` for the classroom API's token. */
  kind: 'student' | 'admin';
  /** The cluster (tenant) a student token is for; undefined for an admin token. */
  tenant?: string;
  /** The token's subject, e.g. `student:alice`. */
  user?: string;
  /** Expiry, seconds since the epoch, when the token says. */
  exp?: number;
}

/** The claims of a JWT, without verifying it (the server verifies; this only reads aud/sub). */
export function jwtClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new Error('this is not a token: a kubeconfig token has three parts separated by dots');
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const json = new TextDecoder().decode(Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0)));
  return JSON.parse(json);
}

/** The session a token opens: the tenant from its audience. Throws a readable error otherwise. */
export function sessionFromToken(raw: string): Session {
  const token = raw.trim();
  let claims: Record<string, unknown>;
  try {
    claims = jwtClaims(token);
  } catch {
    throw new Error('This is not a kubeplay token. Paste the token from your kubeconfig (users[0].user.token).');
  }
  const aud = Array.isArray(claims.aud) ? String(claims.aud[0]) : String(claims.aud ?? '');
  if (!aud) throw new Error('This token names no cluster (no audience).');
  const exp = typeof claims.exp === 'number' ? claims.exp : undefined;
  if (exp && exp * 1000 < Date.now()) throw new Error('This token has expired: ask your instructor for a fresh kubeconfig.');
  const user = typeof claims.sub === 'string' ? claims.sub : undefined;
  if (aud === ADMIN_AUDIENCE) return { token, kind: 'admin', user, exp };
  return { token, kind: 'student', tenant: aud, user, exp };
}

/** The session a kubeconfig file opens: its current context's user token. */
export async function sessionFromKubeconfig(text: string): Promise<Session> {
  // The YAML parser loads only when a file is dropped: the login page stays small.
  const { parse: parseYaml } = await import('yaml');
  let doc: any;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new Error(`This file is not YAML: ${(e as Error).message}`);
  }
  if (!doc || typeof doc !== 'object' || doc.kind !== 'Config') throw new Error('This file is not a kubeconfig (kind: Config).');
  const ctx = (doc.contexts ?? []).find((c: any) => c?.name === doc['current-context']) ?? doc.contexts?.[0];
  const userName = ctx?.context?.user;
  const user = (doc.users ?? []).find((u: any) => u?.name === userName) ?? doc.users?.[0];
  const token = user?.user?.token;
  if (typeof token !== 'string' || !token) throw new Error('This kubeconfig has no token for its current user.');
  return sessionFromToken(token);
}
