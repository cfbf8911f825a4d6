import { problem, type Problem } from '@bagui/core/errors';
import { findBuiltinScenario } from '@bagui/core/scenario';
import { sql, type Selectable, type Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import type { StoreContext, WriteContext } from '../context.js';
import type { Database, RevisionTable, ScenarioTable } from '../database/schema.js';
import { toIso, toIsoOrNull, toNumber } from '../database/values.js';
import { newScenarioId, SCENARIO_ID } from '../ids.js';
import { invalid, notFound, success, type FailureOf, type Invalid, type NotFound, type Outcome } from '../outcome.js';
import { keysetPage, readPageRequest, type Page, type PageRequest } from '../paging.js';
import { boundHashes, checkContent, type CheckedContent, type ScenarioInput } from './content.js';
import { etagOf } from './etag.js';

/** A saved scenario as listed: its name, state and current revision, without the content. */
export interface ScenarioSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly archived: boolean;
  readonly archivedAt: string | null;
  /** The current revision's number (1 for a new scenario). */
  readonly revision: number;
  /** The strong ETag of the current revision. */
  readonly etag: string;
  readonly contentHash: string;
  readonly datasetsHash: string;
  readonly createdAt: string;
  readonly createdBy: string;
  /** The last change of any kind: a revision, a name, archiving. */
  readonly updatedAt: string;
}

/** One immutable revision of a scenario. */
export interface RevisionSummary {
  readonly scenarioId: string;
  readonly n: number;
  readonly etag: string;
  readonly contentHash: string;
  readonly datasetsHash: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface Revision extends RevisionSummary {
  /** The scenario file as JSON text, as `bagui run` takes it. */
  readonly content: string;
  /** The data set hash bound to each `applicants.file` path of the file. */
  readonly datasets: Readonly<Record<string, string>>;
}

/** A scenario with its current revision. */
export interface SavedScenario {
  readonly scenario: ScenarioSummary;
  readonly revision: Revision;
}

export interface Revised extends SavedScenario {
  /** False when the content and data sets were those of the current revision: nothing was written. */
  readonly changed: boolean;
}

/** The expectation was not the current revision: nothing was written. The API answers 412 with `current.etag`. */
export interface Stale extends FailureOf<'stale'> {
  readonly current: ScenarioSummary;
}

/** The scenario is archived: it can be read and restored, not changed. The API answers 409. */
export interface Archived extends FailureOf<'archived'> {
  readonly current: ScenarioSummary;
}

export interface ScenarioQuery extends PageRequest {
  /** Only scenarios whose name or description contains this text, in any case. */
  readonly search?: string | undefined;
  /** `exclude` (default), `include`, or `only` archived scenarios. */
  readonly archived?: 'exclude' | 'include' | 'only' | undefined;
}

export interface Details {
  readonly name?: string | undefined;
  readonly description?: string | undefined;
}

/** The revision a write expects to replace: a number, any of several (an If-Match list), or `any` (If-Match: *). */
export type Expected = number | readonly number[] | 'any';

export interface Scenarios {
  /** Saves a new scenario as revision 1; its name defaults to the file's title, its description to the file's. */
  create(input: ScenarioInput & Details, context: WriteContext): Promise<Outcome<SavedScenario, Invalid>>;
  get(id: string): Promise<Outcome<SavedScenario, NotFound>>;
  /** Newest first, paged; archived ones left out unless asked for. */
  list(query?: ScenarioQuery): Promise<Outcome<Page<ScenarioSummary>, Invalid>>;
  /**
   * Makes the input the next revision if `expected` names the current one. The same content and
   * data sets as the current revision make no new revision (`changed: false`, same ETag).
   */
  revise(
    id: string,
    input: ScenarioInput,
    expected: Expected,
    context: WriteContext,
  ): Promise<Outcome<Revised, NotFound | Invalid | Stale | Archived>>;
  /** Renames or re-describes: no new revision, the ETag unchanged. */
  describe(id: string, details: Details, context: WriteContext): Promise<Outcome<ScenarioSummary, NotFound | Invalid | Archived>>;
  /** Archives (instead of deleting): listed no more by default, readable, unchangeable until restored. */
  archive(id: string, context: WriteContext): Promise<Outcome<{ scenario: ScenarioSummary; changed: boolean }, NotFound>>;
  restore(id: string, context: WriteContext): Promise<Outcome<{ scenario: ScenarioSummary; changed: boolean }, NotFound>>;
  revision(id: string, n: number): Promise<Outcome<Revision, NotFound>>;
  /** Newest first, paged. */
  revisions(id: string, page?: PageRequest): Promise<Outcome<Page<RevisionSummary>, NotFound | Invalid>>;
}

export const NAME_MAX = 200;
export const DESCRIPTION_MAX = 4000;

type ScenarioRow = Selectable<ScenarioTable> & Pick<Selectable<RevisionTable>, 'content_hash' | 'datasets_hash'>;

function summary(row: ScenarioRow): ScenarioSummary {
  const revision = row.current_revision;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    archived: row.archived_at !== null,
    archivedAt: toIsoOrNull(row.archived_at),
    revision,
    etag: etagOf(row.id, revision),
    contentHash: row.content_hash,
    datasetsHash: row.datasets_hash,
    createdAt: toIso(row.created_at),
    createdBy: row.created_by,
    updatedAt: toIso(row.updated_at),
  };
}

function revisionSummary(row: Selectable<RevisionTable>): RevisionSummary {
  return {
    scenarioId: row.scenario_id,
    n: row.n,
    etag: etagOf(row.scenario_id, row.n),
    contentHash: row.content_hash,
    datasetsHash: row.datasets_hash,
    createdAt: toIso(row.created_at),
    createdBy: row.created_by,
  };
}

const scenarioNotFound = (id: string): NotFound =>
  notFound('STORE.SCENARIO_NOT_FOUND', `no saved scenario has the id ${JSON.stringify(id)}`, id);

/** Lowercased in JavaScript (all of Unicode), so that LIKE finds the same rows on SQLite and PostgreSQL. */
const searchText = (name: string, description: string): string => `${name}\n${description}`.toLowerCase();

/** The text as a LIKE pattern matching itself anywhere: %, _ and the escape character escaped. */
const containing = (text: string): string => `%${text.toLowerCase().replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;

function checkDetails(details: Details, problems: Problem[]): void {
  if (details.name !== undefined) {
    const length = [...details.name].length;
    if (details.name.trim() === '' || length > NAME_MAX) {
      problems.push(
        problem('STORE.NAME', `a scenario's name must be 1–${NAME_MAX} characters, not only spaces (this one has ${length})`, {
          path: ['name'],
          value: details.name,
        }),
      );
    }
  }
  if (details.description !== undefined && [...details.description].length > DESCRIPTION_MAX) {
    problems.push(
      problem('STORE.DESCRIPTION', `a scenario's description must be at most ${DESCRIPTION_MAX} characters`, { path: ['description'] }),
    );
  }
}

export function scenarios(context: StoreContext): Scenarios {
  const { db } = context;

  const selectScenario = (trx: Transaction<Database> | StoreContext['db']) =>
    trx
      .selectFrom('scenario')
      .innerJoin('revision', (join) =>
        join.onRef('revision.scenario_id', '=', 'scenario.id').onRef('revision.n', '=', 'scenario.current_revision'),
      )
      .selectAll('scenario')
      .select(['revision.content_hash', 'revision.datasets_hash']);

  async function findScenario(trx: Transaction<Database> | StoreContext['db'], id: string): Promise<ScenarioRow | undefined> {
    if (!SCENARIO_ID.test(id)) return undefined;
    return selectScenario(trx).where('scenario.id', '=', id).executeTakeFirst();
  }

  async function readRevision(trx: Transaction<Database> | StoreContext['db'], id: string, n: number): Promise<Revision | undefined> {
    const row = await trx.selectFrom('revision').selectAll().where('scenario_id', '=', id).where('n', '=', n).executeTakeFirst();
    if (row === undefined) return undefined;
    const bound = await trx
      .selectFrom('revision_dataset')
      .select(['path', 'dataset_hash'])
      .where('scenario_id', '=', id)
      .where('n', '=', n)
      .orderBy('path')
      .execute();
    return {
      ...revisionSummary(row),
      content: row.content,
      datasets: Object.fromEntries(bound.map((b) => [b.path, b.dataset_hash])),
    };
  }

  /** Checks the input against the data sets stored now (inside the write's transaction). */
  async function check(trx: Transaction<Database>, input: ScenarioInput): Promise<ReturnType<typeof checkContent>> {
    const hashes = boundHashes(input);
    const stored = hashes.length === 0 ? [] : await trx.selectFrom('dataset').select('hash').where('hash', 'in', hashes).execute();
    return checkContent(input, new Set(stored.map((row) => row.hash)));
  }

  /** Writes the revision and its bindings; answers it as a read would, without reading it back. */
  async function insertRevision(
    trx: Transaction<Database>,
    id: string,
    n: number,
    checked: CheckedContent,
    at: string,
    actor: string,
  ): Promise<Revision> {
    await trx
      .insertInto('revision')
      .values({
        scenario_id: id,
        n,
        content: checked.content,
        content_hash: checked.contentHash,
        datasets_hash: checked.datasetsHash,
        created_at: at,
        created_by: actor,
      })
      .execute();
    const bindings = Object.entries(checked.datasets);
    if (bindings.length > 0) {
      await trx
        .insertInto('revision_dataset')
        .values(bindings.map(([path, hash]) => ({ scenario_id: id, n, path, dataset_hash: hash })))
        .execute();
    }
    return {
      scenarioId: id,
      n,
      etag: etagOf(id, n),
      contentHash: checked.contentHash,
      datasetsHash: checked.datasetsHash,
      createdAt: at,
      createdBy: actor,
      content: checked.content,
      datasets: checked.datasets,
    };
  }

  async function current(trx: Transaction<Database>, id: string): Promise<ScenarioSummary> {
    const row = await findScenario(trx, id);
    if (row === undefined) throw new Error(`scenario ${id} vanished inside its own transaction`);
    return summary(row);
  }

  async function setArchived(id: string, archive: boolean, write: WriteContext) {
    return db.transaction().execute(async (trx): Promise<Outcome<{ scenario: ScenarioSummary; changed: boolean }, NotFound>> => {
      const row = await findScenario(trx, id);
      if (row === undefined) return scenarioNotFound(id);
      if ((row.archived_at !== null) === archive) return success({ scenario: summary(row), changed: false });
      const at = context.now();
      await trx
        .updateTable('scenario')
        .set({ archived_at: archive ? at : null, updated_at: at })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, at, write, {
        action: archive ? 'scenario.archive' : 'scenario.restore',
        resourceType: 'scenario',
        resourceId: id,
        beforeHash: row.content_hash,
        afterHash: row.content_hash,
      });
      return success({ scenario: await current(trx, id), changed: true });
    });
  }

  return {
    async create(input, write) {
      const problems: Problem[] = [];
      checkDetails(input, problems);
      return db.transaction().execute(async (trx) => {
        const checked = await check(trx, input);
        if (!checked.ok) return invalid([...problems, ...checked.problems]);
        // The defaults, from the file, checked as if given (a title longer than a name may be).
        const name = input.name ?? checked.value.scenario.title;
        const description = input.description ?? checked.value.scenario.description ?? '';
        checkDetails(
          { ...(input.name === undefined ? { name } : {}), ...(input.description === undefined ? { description } : {}) },
          problems,
        );
        if (problems.length > 0) return invalid(problems);
        const id = newScenarioId((candidate) => findBuiltinScenario(candidate) !== undefined, context.random);
        const at = context.now();
        await trx
          .insertInto('scenario')
          .values({
            id,
            name,
            description,
            search_text: searchText(name, description),
            current_revision: 1,
            created_at: at,
            created_by: write.actor,
            updated_at: at,
            archived_at: null,
          })
          .execute();
        const revision = await insertRevision(trx, id, 1, checked.value, at, write.actor);
        await appendAudit(trx, at, write, {
          action: 'scenario.create',
          resourceType: 'scenario',
          resourceId: id,
          afterHash: checked.value.contentHash,
          detail: { name, revision: 1, datasetsHash: checked.value.datasetsHash },
        });
        const scenario: ScenarioSummary = {
          id,
          name,
          description,
          archived: false,
          archivedAt: null,
          revision: 1,
          etag: revision.etag,
          contentHash: revision.contentHash,
          datasetsHash: revision.datasetsHash,
          createdAt: at,
          createdBy: write.actor,
          updatedAt: at,
        };
        return success({ scenario, revision });
      });
    },

    async get(id) {
      const row = await findScenario(db, id);
      if (row === undefined) return scenarioNotFound(id);
      const revision = await readRevision(db, id, row.current_revision);
      if (revision === undefined) return scenarioNotFound(id);
      return success({ scenario: summary(row), revision });
    },

    async list(query = {}) {
      const page = readPageRequest(query);
      if (!page.ok) return invalid(page.problems);
      let select = selectScenario(db);
      const archived = query.archived ?? 'exclude';
      if (archived === 'exclude') select = select.where('scenario.archived_at', 'is', null);
      if (archived === 'only') select = select.where('scenario.archived_at', 'is not', null);
      if (query.search !== undefined && query.search !== '') {
        select = select.where(sql<boolean>`${sql.ref('scenario.search_text')} like ${containing(query.search)} escape '\\'`);
      }
      return success(await keysetPage(select, 'scenario.seq', page, (row) => toNumber(row.seq), summary));
    },

    async revise(id, input, expected, write) {
      return db.transaction().execute(async (trx): Promise<Outcome<Revised, NotFound | Invalid | Stale | Archived>> => {
        const row = await findScenario(trx, id);
        if (row === undefined) return scenarioNotFound(id);
        const accepted = expected === 'any' ? [row.current_revision] : typeof expected === 'number' ? [expected] : expected;
        if (!accepted.includes(row.current_revision)) {
          return stale(summary(row), accepted);
        }
        if (row.archived_at !== null) return archivedFailure(summary(row));
        const checked = await check(trx, input);
        if (!checked.ok) return invalid(checked.problems);
        const { contentHash, datasetsHash } = checked.value;
        if (contentHash === row.content_hash && datasetsHash === row.datasets_hash) {
          const revision = await readRevision(trx, id, row.current_revision);
          if (revision === undefined) throw new Error(`revision ${row.current_revision} of ${id} is missing`);
          return success({ scenario: summary(row), revision, changed: false });
        }
        const n = row.current_revision + 1;
        const at = context.now();
        // Compare-and-set: under PostgreSQL's read committed, a concurrent revise that committed
        // first has moved current_revision on, and this update then changes no row.
        const updated = await trx
          .updateTable('scenario')
          .set({ current_revision: n, updated_at: at })
          .where('id', '=', id)
          .where('current_revision', '=', row.current_revision)
          .executeTakeFirst();
        if (updated.numUpdatedRows !== 1n) return stale(await current(trx, id), accepted);
        const revision = await insertRevision(trx, id, n, checked.value, at, write.actor);
        await appendAudit(trx, at, write, {
          action: 'scenario.revise',
          resourceType: 'scenario',
          resourceId: id,
          beforeHash: row.content_hash,
          afterHash: contentHash,
          detail: { revision: n, datasetsHashBefore: row.datasets_hash, datasetsHash },
        });
        const scenario: ScenarioSummary = {
          ...summary(row),
          revision: n,
          etag: revision.etag,
          contentHash,
          datasetsHash,
          updatedAt: at,
        };
        return success({ scenario, revision, changed: true });
      });
    },

    async describe(id, details, write) {
      const problems: Problem[] = [];
      checkDetails(details, problems);
      if (problems.length > 0) return invalid(problems);
      return db.transaction().execute(async (trx): Promise<Outcome<ScenarioSummary, NotFound | Invalid | Archived>> => {
        const row = await findScenario(trx, id);
        if (row === undefined) return scenarioNotFound(id);
        if (row.archived_at !== null) return archivedFailure(summary(row));
        const name = details.name ?? row.name;
        const description = details.description ?? row.description;
        if (name === row.name && description === row.description) return success(summary(row));
        const at = context.now();
        await trx
          .updateTable('scenario')
          .set({ name, description, search_text: searchText(name, description), updated_at: at })
          .where('id', '=', id)
          .execute();
        await appendAudit(trx, at, write, {
          action: 'scenario.rename',
          resourceType: 'scenario',
          resourceId: id,
          beforeHash: row.content_hash,
          afterHash: row.content_hash,
          detail: {
            ...(name === row.name ? {} : { nameBefore: row.name, name }),
            ...(description === row.description ? {} : { descriptionBefore: row.description, description }),
          },
        });
        return success(await current(trx, id));
      });
    },

    archive: (id, write) => setArchived(id, true, write),
    restore: (id, write) => setArchived(id, false, write),

    async revision(id, n) {
      const found = SCENARIO_ID.test(id) && Number.isInteger(n) && n >= 1 ? await readRevision(db, id, n) : undefined;
      if (found !== undefined) return success(found);
      const exists = await findScenario(db, id);
      return exists === undefined
        ? scenarioNotFound(id)
        : notFound('STORE.REVISION_NOT_FOUND', `the scenario ${id} has revisions 1 to ${exists.current_revision}, not ${n}`, String(n));
    },

    async revisions(id, request = {}) {
      const page = readPageRequest(request);
      if (!page.ok) return invalid(page.problems);
      const row = await findScenario(db, id);
      if (row === undefined) return scenarioNotFound(id);
      const select = db.selectFrom('revision').selectAll().where('scenario_id', '=', id);
      return success(await keysetPage(select, 'n', page, (r) => r.n, revisionSummary));
    },
  };
}

function stale(current: ScenarioSummary, accepted: readonly number[]): Stale {
  const expected = accepted.length === 0 ? 'no revision of this scenario' : `revision ${accepted.join(' or ')}`;
  return {
    ok: false,
    kind: 'stale',
    current,
    problems: [
      problem(
        'STORE.STALE_REVISION',
        `the write expected ${expected}, but the scenario is at revision ${current.revision} (ETag ${current.etag}): read it again, then send the change with that ETag`,
        { value: current.etag },
      ),
    ],
  };
}

function archivedFailure(current: ScenarioSummary): Archived {
  return {
    ok: false,
    kind: 'archived',
    current,
    problems: [problem('STORE.ARCHIVED', `the scenario ${current.id} is archived: restore it before changing it`, { value: current.id })],
  };
}
