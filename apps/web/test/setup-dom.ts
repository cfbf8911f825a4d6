import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library unmounts after each test only when told to (vitest runs without globals here).
afterEach(cleanup);

// jsdom does no layout, so nothing it shows is ever resized: an observer that is never called is
// what a browser's would do there. (Browser tests run in Chromium, which has its own.)
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

// Charts load ECharts lazily, on first show. In a test that renders a chart and ends before the
// import settles, the import would finish after the environment is torn down and fail the run
// (EnvironmentTeardownError). Loaded here, before any test, the lazy import resolves at once.
await import('../src/ui/echarts');
