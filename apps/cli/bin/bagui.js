#!/usr/bin/env node
// The command is built into dist/ by `npm run build`. This launcher is committed so that
// `npm install` links `bagui` into node_modules/.bin even before the first build (npm skips a
// bin whose file does not exist yet), which keeps `npx bagui` from looking in the registry.
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('bagui is not built yet: run npm run build (from the repository root) first\n');
  process.exit(1);
}
await import(built.href);
