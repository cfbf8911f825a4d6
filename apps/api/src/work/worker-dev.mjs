// The worker entry when the API runs from its TypeScript sources (vitest, `node --import tsx`): tsx
// compiles worker.ts and what it imports. The built server (dist/) loads dist/work/worker.js instead.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./worker.ts');
export default worker.default;
