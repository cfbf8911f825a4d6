import { afterAll, afterEach } from 'vitest';
import { openStore, type Store, type StoreLocation, type StoreOptions } from '../open.js';
import { emptyDatabase, type BackendKind } from '../testing.js';

export { BACKENDS } from '../testing.js';

type Extra = Omit<StoreOptions, 'dataDir' | 'databaseUrl'>;

/**
 * Stores for one test file: `open()` opens a store on a new empty database; every store is
 * closed after its test, every database dropped after the file.
 */
export function storeFixture(kind: BackendKind): {
  open(extra?: Extra): Promise<Store>;
  database(): Promise<StoreLocation>;
  openAt(location: StoreLocation, extra?: Extra): Promise<Store>;
} {
  const stores: Store[] = [];
  const drops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  afterAll(async () => {
    for (const drop of drops.splice(0)) await drop();
  });
  const fixture = {
    async database(): Promise<StoreLocation> {
      const { location, drop } = await emptyDatabase(kind);
      drops.push(drop);
      return location;
    },
    async openAt(location: StoreLocation, extra: Extra = {}): Promise<Store> {
      const store = await openStore({ ...location, ...extra });
      stores.push(store);
      return store;
    },
    async open(extra: Extra = {}): Promise<Store> {
      return fixture.openAt(await fixture.database(), extra);
    },
  };
  return fixture;
}
