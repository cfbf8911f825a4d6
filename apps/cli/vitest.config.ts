import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The end-to-end tests run the built command (dist/bin.js): build it first.
    globalSetup: ['./test/build.global-setup.ts'],
    testTimeout: 30_000,
  },
});
