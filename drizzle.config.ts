import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './db',
  dbCredentials: { url: process.env.DATABASE_PATH ?? './data/dana-rt.sqlite' },
});
