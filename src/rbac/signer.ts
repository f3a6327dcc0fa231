/**
 * The platform's token keys, as the Durable Object sees them: read from the Worker's bindings
 * (`cloudflare:workers` env) on first use, so that no request path has to carry them. Only
 * TokenRequest and TokenReview need them.
 */
import type { Env } from '../env';

/** The keys and issuer that sign and verify tenant tokens. */
export interface TokenKeys {
  signingJwk?: string;
  jwks: string;
  issuer: string;
}

/** The bindings' keys (imported lazily: the module exists only inside workerd). */
export async function platformKeys(): Promise<TokenKeys> {
  const mod = await import('cloudflare:workers');
  const env = mod.env as unknown as Env;
  return { signingJwk: env.SIGNING_JWK, jwks: env.JWKS, issuer: env.ISSUER };
}
