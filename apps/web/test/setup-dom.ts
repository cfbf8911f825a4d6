import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library unmounts after each test only when told to (vitest runs without globals here).
afterEach(cleanup);
