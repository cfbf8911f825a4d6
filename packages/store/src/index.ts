/**
 * `@bagui/store`: the database of saved scenarios and their revisions, data sets, the result
 * cache, the audit log and API keys, on embedded SQLite or PostgreSQL. See README.md.
 */
import type { Invalid, NotFound } from './outcome.js';
import type { Archived, Stale } from './scenarios/scenarios.js';

export { openStore, type Store, type StoreLocation, type StoreOptions } from './open.js';
export { DEFAULT_DATA_DIR, storeLocationFromEnv } from './config.js';
export type { WriteContext } from './context.js';
export type { Dialect } from './database/dialect.js';
export type { Failure, FailureOf, Invalid, NotFound, Outcome } from './outcome.js';
export { DEFAULT_LIMIT, MAX_LIMIT, type Page, type PageRequest } from './paging.js';
export { canonicalHash, datasetsHash, scenarioContentHash, sha256 } from './hash.js';
export { ROUTE_WORDS, SCENARIO_ID } from './ids.js';
export type { ScenarioInput } from './scenarios/content.js';
export { etagOf, ifMatchRevisions } from './scenarios/etag.js';
export {
  DESCRIPTION_MAX,
  NAME_MAX,
  type Archived,
  type Details,
  type Expected,
  type Revised,
  type Revision,
  type RevisionSummary,
  type SavedScenario,
  type ScenarioQuery,
  type Scenarios,
  type ScenarioSummary,
  type Stale,
} from './scenarios/scenarios.js';
export type { Dataset, DatasetInfo, Datasets } from './datasets/datasets.js';

/** Every way a store call can fail; `kind` tells them apart (`invalid`, `not_found`, `stale`, `archived`). */
export type StoreFailure = Invalid | NotFound | Stale | Archived;
export {
  DEFAULT_RESULT_CACHE_LIMITS,
  type CachedResult,
  type ResultCache,
  type ResultCacheLimits,
  type ResultCacheStats,
  type ResultKey,
} from './results/result-cache.js';
export type { AuditAction, AuditEntry, AuditFilter, AuditLog, ResourceType } from './audit/audit.js';
export { KEY_NAME_MAX, type ApiKey, type ApiKeys, type Verified } from './keys/keys.js';
export { hasRole, isRole, ROLES, type Role } from './keys/roles.js';
export {
  JOB_STATUSES,
  type Claimed,
  type Created,
  type JobLimits,
  type Jobs,
  type JobStatus,
  type NewJob,
  type StoredJob,
} from './jobs/jobs.js';
