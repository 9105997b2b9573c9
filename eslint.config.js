// Lint: typescript-eslint's type-checked recommendations, React's hook rules for the renderer, and
// Prettier's config last so formatting is Prettier's alone. Import layering is checked by
// tests/unit/layering (a table that denies by default), not here.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'coverage/', 'models/build/', 'tests/fixtures/', 'tests/e2e/screenshots/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      // Screens load their data in effects and set state once the call resolves; the rule cannot
      // tell that from a synchronous set and flags every load.
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    rules: {
      // Handlers, routes and fakes implement Promise-returning interfaces; an async function that
      // needs no await there is the interface, not a mistake.
      '@typescript-eslint/require-await': 'off',
      // Services are closures over their dependencies, never classes reading `this`: passing
      // store.isPinned or client.media around is how they compose.
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests read JSON replies over HTTP and poke at them; typing every reply body would test the
    // types, not the behaviour. Production code keeps the full rules.
    files: ['tests/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
