import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The tests that run a second process run the built package: build it first.
    globalSetup: ['./src/test-support/build.global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
