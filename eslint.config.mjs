// Type-aware lint for the whole workspace. Rules here catch real bugs; Prettier owns layout.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import { readdirSync } from 'node:fs';
import { URL } from 'node:url';
import tseslint from 'typescript-eslint';

// API modules in layers, lowest first. A module may import only from modules in lower layers, so
// the dependencies point one way and no two modules can depend on each other. The layers refine the
// tiers of the README: reference data (the first three) ← cases ← what hangs off a case ← reports.
const API_LAYERS = [
  // Leaves every feature may use: the audit trail, in-app and mail notifications, health, and the
  // National Tax Agency's corporate-number registry (reference data resting on nothing else).
  ['audit', 'notifications', 'health', 'corporate-registry'],
  // Reference data. `users` owns the app_user record and password hashing.
  ['desks', 'users', 'organizations', 'experts', 'api-tokens'],
  // Built on reference data: routing on desks, sign-in on users and API tokens.
  ['routing', 'auth'],
  ['cases'],
  // Web inquiries and mail open cases through the cases service.
  ['presence', 'follow-ups', 'public-inquiries', 'mail'],
  // Outreach events open cases from attendees through the cases service.
  ['sessions', 'events'],
  // The satisfaction survey after completed sessions (its job sweeps them, read-only); the
  // partner plans' activities, which read the events and case referrals they link to.
  ['surveys', 'partner-plans'],
  // Retention, pseudonymization and APPI requests: reads across the features, rewrites only
  // through the owner's functions of its migration.
  ['stewardship'],
  // Background work (schedules only) and manager reports read across the features; the home
  // page's counts (`work`) ask cases, follow-ups and sessions.
  ['jobs', 'reports', 'work'],
  // Prometheus metrics read the jobs' queues, the outbox and the SLA clocks. Award candidates
  // read organizations, sessions, follow-ups and surveys read-only and write the xlsx as reports do.
  ['metrics', 'awards'],
  // Merging organizations asks organizations, cases, sessions, events and awards to move what
  // each owns.
  ['organization-merge'],
  // The hand-over export and import copy every table wholesale, like pg_dump; they import no module.
  ['handover'],
];

const API_MODULES = 'apps/api/src/modules';
// Relative imports only: a sibling module is one or more `../` away, perhaps through `modules/`.
const importOfModules = (names) => `^(?:\\.\\./)+(?:modules/)?(?:${names.join('|')})(?:/|$)`;
// The composition root (app module, bootstrap, seed data) wires the modules; nothing imports it back.
const COMPOSITION_ROOT = {
  regex: '^(?:\\.\\./)+(?:(?:app\\.module|create-app|main|cli|openapi)$|seed/|tools/)',
  message: 'Only the composition root (app.module, create-app, main, cli) may import this.',
};

const apiLayerZones = API_LAYERS.flatMap((layer, index) =>
  layer.map((name) => {
    const upward = API_LAYERS.slice(index)
      .flat()
      .filter((other) => other !== name);
    return {
      files: [`${API_MODULES}/${name}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              ...(upward.length === 0
                ? []
                : [
                    {
                      regex: importOfModules(upward),
                      message: `API module "${name}" (layer ${index + 1}) may import only modules of lower layers (${API_LAYERS.slice(0, index).flat().join(', ') || 'none'}): see API_LAYERS in eslint.config.mjs.`,
                    },
                  ]),
              COMPOSITION_ROOT,
            ],
          },
        ],
      },
    };
  }),
);

// Console features are self-contained and compose only in the app shell's routes (src/app). A feature
// may import another feature's `api/` query hooks, which are its public surface, and nothing else
// of it; no feature imports the shell. Shared code (lib, components, i18n) imports neither.
const CONSOLE_SRC = 'apps/console/src';
const CONSOLE_FEATURES = readdirSync(new URL(`${CONSOLE_SRC}/features`, import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const CONSOLE_SHELL = {
  regex: '^(?:\\.\\./)+app(?:/|$)',
  message: 'The app shell (src/app) composes the features; they never import it.',
};
const consoleFeatureZones = CONSOLE_FEATURES.map((name) => ({
  files: [`${CONSOLE_SRC}/features/${name}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          CONSOLE_SHELL,
          {
            regex: `^(?:\\.\\./)+(?:features/)?(?:${CONSOLE_FEATURES.filter((n) => n !== name).join('|')})/(?!api/)`,
            message: `Feature "${name}" may use another feature's api/ hooks only; compose components in the route (src/app).`,
          },
        ],
      },
    ],
  },
}));

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
  ...apiLayerZones,
  {
    // The foundation under every module: config, database access and the shared HTTP/auth plumbing.
    files: ['apps/api/src/{common,config,database}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?:\\.\\./)+modules/',
              message: 'common, config and database sit under every module and import none.',
            },
            COMPOSITION_ROOT,
          ],
        },
      ],
    },
  },
  {
    // README "Data access": a module's SQL lives in its *.repository.ts; services and controllers
    // hold logic and call the repositories. Any `x.query(…)` there is a statement run in place.
    files: [`${API_MODULES}/**/*.service.ts`, `${API_MODULES}/**/*.controller.ts`],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='query']",
          message:
            'SQL belongs in a *.repository.ts next to the service (README "Data access"): call a repository method instead of .query().',
        },
      ],
    },
  },
  ...consoleFeatureZones,
  {
    files: [`${CONSOLE_SRC}/{lib,components,i18n}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            CONSOLE_SHELL,
            {
              regex: '^(?:\\.\\./)+features/',
              message: 'Shared console code (lib, components, i18n) sits under the features.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [`${CONSOLE_SRC}/**/*.{ts,tsx}`],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // A stale closure is a bug, not a style point: lint fails on it rather than warning.
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: [
      '**/*.cjs',
      '**/jest.config.js',
      '**/jest-e2e.config.js',
      '**/jest-deploy.config.js',
      '**/swc-jest.config.js',
    ],
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
