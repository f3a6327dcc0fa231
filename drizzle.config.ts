import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/control-plane/schema.ts',
  out: './migrations',
});
