// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import globals from 'globals';

/** Patterns of imports that reach the database: drizzle, better-sqlite3, db/ and the db client. */
const DATABASE_IMPORTS = [
  { group: ['drizzle-orm', 'drizzle-orm/*', 'better-sqlite3'], message: 'Chỉ src/lib/server được dùng cơ sở dữ liệu (drizzle, better-sqlite3).' },
  { group: ['**/db/*', '@db/*', '**/lib/server/db', '~/lib/server/db'], message: 'Chỉ src/lib/server được dùng db/ và lib/server/db; từ vựng và nhãn nằm ở ~/lib/vocabulary.' },
];
/** Imports of server code, for modules that run in the browser. */
const SERVER_IMPORTS = [
  { group: ['**/lib/server', '**/lib/server/*', '**/lib/server/**', '~/lib/server/*', '~/lib/server/**', 'node:*', 'astro:content'], message: 'Mã chạy trong trình duyệt (island, src/lib/*.ts) không được dùng mã máy chủ.' },
];

export default tseslint.config(
  {
    ignores: ['dist/', '.test-build/', '.astro/', 'node_modules/', 'db/migrations/', 'test-results/', 'playwright-report/', 'content/', 'public/'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...astro.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.astro'],
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  {
    // Type-aware rules cover the logic that remains in .astro files too (front matter and
    // expressions): astro-eslint-parser hands the component's TypeScript to typescript-eslint.
    files: ['**/*.astro'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, project: './tsconfig.json', projectService: false, extraFileExtensions: ['.astro'] },
    },
  },
  // Layering (README "Architecture"): only src/lib/server touches the database; islands run in
  // the browser and never import server code; the client-safe helpers of src/lib stay so.
  {
    files: ['src/pages/**', 'src/components/**', 'src/layouts/**', 'src/lib/content/**', 'src/middleware.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...DATABASE_IMPORTS] }] },
  },
  {
    files: ['src/lib/*.ts', 'src/lib/*.tsx', 'src/lib/cms/**', 'src/components/islands/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...DATABASE_IMPORTS, ...SERVER_IMPORTS] }] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
