import { defineConfig } from 'drizzle-kit';

/** `npm run db:generate` (drizzle-kit generate --config db/drizzle.config.ts). */
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
  strict: true,
  verbose: true,
});
