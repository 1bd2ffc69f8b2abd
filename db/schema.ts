/**
 * The database schema (drizzle, SQLite), one file per area; this barrel is what drizzle-kit
 * reads and what `schema` in src/lib/server/db.ts is. Migrations are generated from it:
 * `npm run db:generate`, then committed. The area files import only schema-core.ts (never
 * this barrel), so there is no import cycle.
 */
export * from './schema-core';
export * from './schema-contests';
export * from './schema-registrations';
export * from './schema-publishing';
export * from './schema-entries';
export * from './schema-programmes';
