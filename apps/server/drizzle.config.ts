import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // platform tables in db/schema, each module's own tables in its folder
  schema: ['./src/db/schema/*.ts', './src/modules/*/schema.ts'],
  out: './src/db/migrations',
  casing: 'snake_case',
});
