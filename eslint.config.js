// Lint: typescript-eslint strict-type-checked, plus the boundaries of docs/architecture.md:
// common/ imports nothing of ours, services never import Fastify, modules reach each other only
// through their index.ts, and only server/config.ts reads process.env.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const crossModuleInternals = [
  '../*/*.service.ts',
  '../*/*.repository.ts',
  '../*/*.routes.ts',
  '../*/*.view.ts',
  '../*/*.policy.ts',
  '../*/password-policy.ts',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'var/**', 'e2e/output/**', 'bench/output/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // Fastify route handlers are async by contract even when they await nothing.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/web/**', 'node:*', 'fastify', 'kysely'],
              message:
                'common/ runs in the browser and Node: it imports nothing of ours outside common/ and no Node modules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/modules/**/*.ts'],
    ignores: ['server/modules/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: crossModuleInternals, message: "Modules reach each other only through '../<module>/index.ts'." },
          ],
        },
      ],
    },
  },
  {
    files: ['server/modules/**/*.service.ts', 'server/modules/**/*.repository.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'fastify', message: 'Services and repositories never import Fastify.' }],
          patterns: [
            { group: crossModuleInternals, message: "Modules reach each other only through '../<module>/index.ts'." },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts', 'common/**/*.ts', 'web/**/*.{ts,tsx}'],
    ignores: ['server/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only server/config.ts reads the environment.' },
      ],
    },
  },
  {
    // Migrations are frozen in time and take Kysely<any>: they must not depend on today's schema types.
    files: ['server/db/migrations/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.test.ts', 'server/test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
