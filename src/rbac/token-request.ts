/**
 * TokenRequest (`kubectl create token`), after pkg/registry/core/serviceaccount/storage/token.go,
 * TokenReview (pkg/registry/authentication/tokenreview), and the liveness of a ServiceAccount
 * token (it dies with its account, and with the Pod or Secret it is bound to).
 */
import type { ObjectStore } from '../cluster/storage';
import type { UserInfo } from '../apiserver/registry/context';
import type { FieldError } from '../apiserver/field-errors';
import { badRequest, invalid, notFound } from '../apiserver/status';
import { issueToken } from '../auth/issue';
import { verifyTenantToken } from '../auth/tokens';
import { API_AUDIENCE, serviceAccountClaim, type BoundRef } from './sa-token';
import type { TokenKeys } from './signer';

/** Default lifetime of a requested token (TokenRequestSpec defaulting: one hour). */
export const DEFAULT_EXPIRATION_SECONDS = 3600;
const MIN_EXPIRATION_SECONDS = 600;
const MAX_EXPIRATION_SECONDS = 2 ** 32;
const SA_PREFIX = 'system:serviceaccount:';

/** ValidateTokenRequest: the lifetime bounds. */
export function tokenRequestErrors(spec: any): FieldError[] {
  const s = spec?.expirationSeconds;
  if (s === undefined || s === null) return [];
  if (s < MIN_EXPIRATION_SECONDS) return [{ type: 'FieldValueInvalid', field: 'spec.expirationSeconds', value: s, detail: 'may not specify a duration less than 10 minutes' }];
  if (s > MAX_EXPIRATION_SECONDS) return [{ type: 'FieldValueInvalid', field: 'spec.expirationSeconds', value: s, detail: 'may not specify a duration larger than 2^32 seconds' }];
  return [];
}

/** The object a boundObjectRef names, checked to exist (and to have its uid, when given). */
function boundObject(store: Pick<ObjectStore, 'get'>, namespace: string, ref: any): BoundRef | undefined {
  if (!ref) return undefined;
  const kinds: Record<string, [string, boolean]> = { Pod: ['pods', true], Secret: ['secrets', true], Node: ['nodes', false] };
  const k = kinds[ref.kind];
  if (!k || (ref.apiVersion && ref.apiVersion !== 'v1')) throw badRequest(`cannot bind token to object of type ${ref.apiVersion ?? ''}, Kind=${ref.kind ?? ''}`);
  const obj = store.get(k[0], k[1] ? namespace : '', ref.name ?? '');
  if (!obj) throw notFound({ group: '', resource: k[0] }, ref.name ?? '');
  if (ref.uid && ref.uid !== obj.metadata.uid) {
    throw badRequest(`the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
  }
  return { kind: ref.kind, name: obj.metadata.name!, uid: obj.metadata.uid! };
}

/**
 * Answer a TokenRequest for serviceaccount `name` in `namespace`: a JWT signed by the platform
 * key whose audiences are the requested ones (the API server's by default) and, when they
 * include the API server, this tenant too (so that the Worker accepts it for this cluster only).
 */
export async function tokenRequest(store: Pick<ObjectStore, 'get'>, keys: TokenKeys, tenant: string, namespace: string, name: string, body: any, now: Date): Promise<any> {
  const sa = store.get('serviceaccounts', namespace, name);
  if (!sa) throw notFound({ group: '', resource: 'serviceaccounts' }, name);
  const errs = tokenRequestErrors(body?.spec);
  if (errs.length) throw invalid('TokenRequest', 'authentication.k8s.io', name, errs);
  if (!keys.signingJwk) throw badRequest('this cluster cannot sign tokens (no signing key)');
  const bound = boundObject(store, namespace, body?.spec?.boundObjectRef);
  const audiences: string[] = body?.spec?.audiences?.length ? [...body.spec.audiences] : [API_AUDIENCE];
  const expirationSeconds: number = body?.spec?.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  const issued = await issueToken(keys.signingJwk, {
    audience: audiences.includes(API_AUDIENCE) ? [...audiences, tenant] : audiences,
    subject: `${SA_PREFIX}${namespace}:${name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`],
    issuer: keys.issuer,
    ttlSeconds: expirationSeconds,
    now: Math.floor(now.getTime() / 1000),
    claims: { 'kubernetes.io': serviceAccountClaim(namespace, name, sa.metadata.uid!, bound) },
  });
  return {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace, creationTimestamp: null },
    spec: { audiences, expirationSeconds, boundObjectRef: body?.spec?.boundObjectRef ?? null },
    status: { token: issued.token, expirationTimestamp: new Date(issued.exp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') },
  };
}

/**
 * Whether a ServiceAccount token's user is still alive: its account exists with the uid the
 * token names, and so does the Pod or Secret it is bound to. Other users are always alive.
 */
export function serviceAccountAlive(store: Pick<ObjectStore, 'get'>, user: UserInfo): boolean {
  if (!user.username.startsWith(SA_PREFIX) || !user.extra?.['authentication.kubernetes.io/credential-id']) return true;
  const [ns, name] = user.username.slice(SA_PREFIX.length).split(':');
  const sa = store.get('serviceaccounts', ns, name);
  if (!sa || sa.metadata.uid !== user.uid) return false;
  const pod = user.extra['authentication.kubernetes.io/pod-name']?.[0];
  if (pod) {
    const p = store.get('pods', ns, pod);
    if (!p || p.metadata.uid !== user.extra['authentication.kubernetes.io/pod-uid']?.[0] || p.metadata.deletionTimestamp) return false;
  }
  const secret = user.extra['kubeplay.dev/bound-secret']?.[0];
  if (secret) {
    const [sn, suid] = secret.split('/');
    const s = store.get('secrets', ns, sn);
    if (!s || s.metadata.uid !== suid) return false;
  }
  return true;
}

/** TokenReview: is spec.token a token of this cluster, and whose? */
export async function tokenReview(store: Pick<ObjectStore, 'get'>, keys: TokenKeys, tenant: string, body: any): Promise<any> {
  const token: string = body?.spec?.token ?? '';
  let status: Record<string, unknown>;
  try {
    const claims = await verifyTenantToken(token, tenant, keys.jwks, keys.issuer);
    if (!serviceAccountAlive(store, claims.user)) throw new Error('service account token has been invalidated');
    const u = claims.user;
    status = { authenticated: true, user: { username: u.username, ...(u.uid ? { uid: u.uid } : {}), groups: u.groups, ...(u.extra ? { extra: u.extra } : {}) }, audiences: body?.spec?.audiences?.length ? body.spec.audiences : [API_AUDIENCE] };
  } catch (e) {
    status = { user: {}, error: `[invalid bearer token, ${(e as Error).message}]` };
  }
  return { kind: 'TokenReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, spec: body?.spec ?? {}, status };
}
