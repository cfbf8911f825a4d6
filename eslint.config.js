import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/.turbo/**'] },
  js.configs.recommended,
  // Type-aware: every .ts/.tsx file is checked with the types of the nearest tsconfig.json
  // (the project service finds it, so the one root config serves every workspace's `eslint src test bench`).
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    rules: {
      // A switch over a union without a `default` must name every member, so a new kind fails lint
      // where it is not handled; a `default` is a deliberate "everything else" (e.g. typeof checks).
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      // Off: services and hooks here are object literals of closures (deps.bodies.text, usePlanner().update,
      // table.parameterOf), never class methods that read `this`; passing them on is the idiom.
      '@typescript-eslint/unbound-method': 'off',
      // Off: `async` is kept on functions that implement a Promise-returning interface without awaiting
      // (bench tasks, fetch stubs, async generators over arrays in tests) so a throw stays a rejection.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A tagged template is a call: core's ByteChunks.t writes answers' bytes with one.
      '@typescript-eslint/no-unused-expressions': ['error', { allowTaggedTemplates: true }],
      'no-restricted-properties': [
        'error',
        { object: 'describe', property: 'only', message: 'no focused tests' },
        { object: 'it', property: 'only', message: 'no focused tests' },
        { object: 'test', property: 'only', message: 'no focused tests' },
      ],
    },
  },
  {
    // Tests read answers as `any` (supertest's res.body, vitest's expect.stringContaining/any, JSON fixtures) and
    // print cells with String(): the assertions themselves check the shape, so the no-unsafe-* family and
    // no-base-to-string add noise there, not safety. Source files keep them all.
    files: ['**/test/**/*.{ts,tsx}', '**/*.test.{ts,tsx}', '**/test-support/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  // Plain JavaScript (scripts, worker shims) is in no tsconfig: no type information there.
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', module: 'writable', require: 'readonly' } },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'parseFloat', message: 'money is never float: use parseAmount / parseRate' }],
      'no-restricted-properties': [
        'error',
        { object: 'Number', property: 'parseFloat', message: 'money is never float: use parseAmount / parseRate' },
        { object: 'Math', property: 'round', message: 'round once, where the rule says, with floorToUnit' },
      ],
    },
  },
);
