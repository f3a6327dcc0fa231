// The secrets of a deployed Worker, made on the operator's machine: a new ES256 signing key
// (SIGNING_JWK), its public half (JWKS) and an instructor's admin token signed by it, written
// to DIR (default .kubeplay-deploy/, git-ignored; mode 0600). Nothing is sent anywhere: the
// output says which `wrangler secret put` commands load them.
//
//   node scripts/deploy-secrets.mjs [DIR]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { webcrypto } from 'node:crypto';
import { signAdminToken } from './lib/tokens.mjs';

const dir = resolve(process.argv[2] ?? '.kubeplay-deploy');
mkdirSync(dir, { recursive: true });
const keyFile = join(dir, 'signing-jwk.json');
if (!existsSync(keyFile)) {
  const { privateKey } = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const jwk = await webcrypto.subtle.exportKey('jwk', privateKey);
  Object.assign(jwk, { kid: `k-${Date.now().toString(36)}`, alg: 'ES256', use: 'sig' });
  writeFileSync(keyFile, JSON.stringify(jwk), { mode: 0o600 });
}
const signingJwk = JSON.parse(readFileSync(keyFile, 'utf8'));
const { d: _d, key_ops: _ops, ext: _ext, ...publicJwk } = signingJwk;
writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [publicJwk] }), { mode: 0o600 });
writeFileSync(join(dir, 'admin-token'), `${await signAdminToken(signingJwk)}\n`, { mode: 0o600 });

console.log(`Wrote ${keyFile} (kid ${signingJwk.kid}), jwks.json and admin-token in ${dir}. Load them into the Worker:

  npx wrangler secret put SIGNING_JWK < ${join(dir, 'signing-jwk.json')}
  npx wrangler secret put JWKS < ${join(dir, 'jwks.json')}

then drive the classroom API with the admin token (keep it as safe as the key):

  npx kubeplay --server https://YOUR-HOST --token "$(cat ${join(dir, 'admin-token')})" classroom list`);
