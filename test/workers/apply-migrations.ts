// Applies the D1 migrations (read by vitest.config.ts) to the test database before the Workers
// tests; applyD1Migrations records what it applied, so running it per test file is idempotent.
import { applyD1Migrations, env } from 'cloudflare:test';

const e = env as unknown as { DB: D1Database; TEST_MIGRATIONS: Parameters<typeof applyD1Migrations>[1] };
await applyD1Migrations(e.DB, e.TEST_MIGRATIONS);
