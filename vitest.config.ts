import { defineConfig } from 'vitest/config';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync } from 'node:fs';

// wrangler.toml's [assets] folder (the built dashboard) must exist for the Workers pool to start,
// even in a fresh clone where only the API is tested.
mkdirSync(new URL('./web/dist', import.meta.url).pathname, { recursive: true });

/** A signing key made for this test run only: the Worker gets its public half as JWKS. */
function testKeys() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'ES256' } as Record<string, string>;
  const { d: _d, ...pub } = jwk;
  return { TEST_SIGNING_JWK: JSON.stringify(jwk), SIGNING_JWK: JSON.stringify(jwk), JWKS: JSON.stringify({ keys: [pub] }) };
}

/** The D1 migrations, applied by test/workers/apply-migrations.ts before the Workers tests. */
const migrations = await readD1Migrations(new URL('./migrations', import.meta.url).pathname);

/**
 * Three projects, one per test level:
 *  - unit:    pure functions (strategies, patches, selectors, tables) in Node;
 *  - workers: the Worker and the ClusterObject Durable Object inside workerd (isolated storage);
 *  - e2e:     the real kubectl against `wrangler dev` over https.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: { bindings: { ...testKeys(), CA_PEM: 'test-ca', TEST_MIGRATIONS: migrations } },
          }),
        ],
        test: { name: 'workers', include: ['test/workers/**/*.test.ts'], setupFiles: ['./test/workers/apply-migrations.ts'] },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
