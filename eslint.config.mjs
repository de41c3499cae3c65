// Type-aware lint for the whole workspace. Rules here catch real bugs; Prettier owns layout.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      '.nx/**',
      'libs/api-client/src/generated/**',
      'apps/api/src/database/schema.generated.ts',
      'apps/console-e2e/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Nest and TypeORM decorate classes whose members are set by the framework.
      '@typescript-eslint/no-extraneous-class': 'off',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            // libs/domain is pure TypeScript, shared by the API and the console: no framework.
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              // Phone numbers need the full numbering plan (see libs/domain/src/phone.ts).
              allowedExternalImports: ['@holiday-jp/holiday_jp', 'libphonenumber-js/max'],
            },
            {
              sourceTag: 'type:client',
              onlyDependOnLibsWithTags: [],
              allowedExternalImports: ['openapi-fetch', 'openapi-typescript', 'node:*'],
            },
            // The API never depends on the console or on its generated client.
            {
              sourceTag: 'scope:api',
              onlyDependOnLibsWithTags: ['type:domain', 'type:migrations'],
            },
            // Migrations are frozen history: they import nothing of the app that may change later.
            { sourceTag: 'type:migrations', onlyDependOnLibsWithTags: [] },
            // The console talks to the API only through the generated client, never its code.
            {
              sourceTag: 'scope:console',
              onlyDependOnLibsWithTags: ['type:domain', 'type:client'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs', '**/jest.config.js', '**/jest-e2e.config.js', '**/swc-jest.config.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/scripts/**/*.mjs', '**/bench/**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        // Code passed to page.evaluate runs in the browser.
        document: 'readonly',
        HTMLInputElement: 'readonly',
      },
    },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: {
      // Supertest bodies are untyped JSON; asserting on them is the point of the test.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
