import { userInfo } from 'node:os';
import { formatProblem } from '@bagui/core/errors';
import { ROLES } from '@bagui/store/roles';
import type { ApiKey, Store } from '@bagui/store';
import { Option, type Command } from 'commander';
import { InputError } from '../input-error.js';
import type { Io } from '../io.js';
import { alignColumns } from '../table.js';

const KEY_FORMATS = ['table', 'json'] as const;

const KEYS_EXAMPLES = `
Keys are kept (as hashes) in the same database as the server's: SQLite in BAGUI_DATA_DIR
(default ./data, created if missing), or PostgreSQL when DATABASE_URL is set. The command works
while the server runs, and the server accepts a new key (or refuses a revoked one) at once.
\`keys create\` prints the key alone on the last line of stdout, and only this once:
  KEY=$(npx bagui keys create --role analyst --name 'finance office' | tail -n 1)
Roles are cumulative: viewer reads saved scenarios, analyst also writes them, admin also
archives, reads the audit log and manages keys.

Examples (from the repository root):
  npx bagui keys create --role admin --name 'first admin'
  npx bagui keys list
  npx bagui keys list --format json
`;

/** Who the audit log names for a change made with this command: the machine's user. */
function actor(io: Io): string {
  let user: string | undefined;
  try {
    user = userInfo().username;
  } catch {
    user = io.env.USER ?? io.env.LOGNAME;
  }
  return `cli:${user ?? 'unknown'}`;
}

/** The store the server uses, from the same environment variables; closed when `work` ends. */
async function withStore<T>(io: Io, work: (store: Store) => Promise<T>): Promise<T> {
  // Loaded here so that the other commands never load the database drivers.
  const { openStore, storeLocationFromEnv } = await import('@bagui/store');
  const location = storeLocationFromEnv(io.env);
  if (!location.ok) throw new InputError('invalid environment; nothing was done', location.problems.map(formatProblem));
  let store: Store;
  try {
    store = await openStore(location.value);
  } catch (error) {
    const where =
      'databaseUrl' in location.value ? 'the PostgreSQL database of DATABASE_URL' : `the data directory ${location.value.dataDir}`;
    throw new InputError(`cannot open ${where}: ${error instanceof Error ? error.message : String(error)}; nothing was done`);
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const describeKey = (key: ApiKey): string => `${key.id} (${key.role}${key.name === '' ? '' : `, ${JSON.stringify(key.name)}`})`;

async function createKey(options: { role: string; name?: string }, io: Io): Promise<void> {
  await withStore(io, async (store) => {
    const created = await store.keys.create({ role: options.role, name: options.name }, { actor: actor(io) });
    if (!created.ok) throw new InputError('invalid key; nothing was created', created.problems.map(formatProblem));
    const { key, secret } = created.value;
    await io.stderr.write(
      `created ${describeKey(key)} in ${store.location}\n` +
        'the key is shown this once and stored only as a hash: keep it secret; send it as Authorization: Bearer KEY\n',
    );
    await io.stdout.write(`${secret}\n`);
  });
}

async function listKeys(options: { format: string }, io: Io): Promise<void> {
  const format = KEY_FORMATS.find((f) => f === options.format);
  if (format === undefined) {
    throw new InputError(`invalid --format ${JSON.stringify(options.format)}: choose one of ${KEY_FORMATS.join(', ')}; nothing was done`);
  }
  await withStore(io, async (store) => {
    const keys = await store.keys.list();
    if (format === 'json') {
      await io.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
      return;
    }
    const rows = [
      ['ID', 'ROLE', 'PREFIX', 'CREATED', 'BY', 'REVOKED', 'NAME'],
      ...keys.map((k) => [k.id, k.role, `${k.prefix}…`, k.createdAt, k.createdBy, k.revokedAt ?? '-', k.name]),
    ];
    await io.stdout.write(`${alignColumns(rows).join('\n')}\n`);
    if (keys.length === 0) await io.stderr.write('no keys yet; make the first with: bagui keys create --role admin\n');
  });
}

async function revokeKey(id: string, io: Io): Promise<void> {
  await withStore(io, async (store) => {
    const revoked = await store.keys.revoke(id, { actor: actor(io) });
    if (!revoked.ok) throw new InputError(revoked.problems.map((p) => p.message).join('; '));
    const { key, changed } = revoked.value;
    await io.stdout.write(
      changed ? `revoked ${describeKey(key)}\n` : `${describeKey(key)} was already revoked at ${key.revokedAt ?? ''}\n`,
    );
  });
}

/** Adds `bagui keys create|list|revoke` (the API keys, in the server's database) to the command tree. */
export function addKeysCommand(root: Command, io: Io): void {
  const keys = root
    .command('keys')
    .description("make, list and revoke the API's keys (in the server's database: BAGUI_DATA_DIR or DATABASE_URL)")
    .addHelpText('after', KEYS_EXAMPLES);
  keys
    .command('create')
    .description('make a key; it is printed once, alone on the last line of stdout')
    .addOption(new Option('--role <role>', 'what the key may do (cumulative)').choices(ROLES).makeOptionMandatory())
    .option('--name <name>', 'who or what holds it, e.g. "finance office"')
    .addHelpText('after', KEYS_EXAMPLES)
    .action((options: { role: string; name?: string }) => createKey(options, io));
  keys
    .command('list')
    .description('every key: id, role, the first characters of its secret, when and by whom it was made and revoked')
    .option('--format <format>', `output format: ${KEY_FORMATS.join(', ')}`, 'table')
    .addHelpText('after', KEYS_EXAMPLES)
    .action((options: { format: string }) => listKeys(options, io));
  keys
    .command('revoke')
    .description('revoke a key at once (the audit log keeps it)')
    .argument('<id>', 'the key id, k_… (bagui keys list shows them)')
    .addHelpText('after', KEYS_EXAMPLES)
    .action((id: string) => revokeKey(id, io));
}
