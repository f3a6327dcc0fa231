/** Tenant names: DNS labels (the tenant is also a host label of its app domain). */
export const TENANT_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * The tenant a token names as its audience, read without verifying it (the caller then
 * verifies the token for that tenant). Undefined for tokens of the platform or of no tenant.
 */
export function tokenTenant(token: string, adminAudience: string): string | undefined {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    const auds: unknown[] = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    return auds.find((a): a is string => typeof a === 'string' && TENANT_NAME.test(a) && a !== adminAudience);
  } catch {
    return undefined;
  }
}
