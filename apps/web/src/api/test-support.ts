import type { ScenarioFile } from '@bagui/core/scenario';
import type { SavedScenario } from './client';

/** A saved scenario as the API answers it (GET/POST/PUT /v1/scenarios…), for tests of the planner's API client and panels. */
export function savedScenarioBody(file: ScenarioFile, revision = 1): SavedScenario {
  return {
    id: 's_0123456789abcdef',
    name: file.name,
    description: '',
    archived: false,
    archivedAt: null,
    revision,
    etag: `"r${revision}"`,
    contentHash: 'c',
    datasetsHash: 'd',
    createdAt: '2026-12-03T12:00:00.000Z',
    createdBy: 'k_analyst',
    updatedAt: '2026-12-03T12:00:00.000Z',
    file,
  };
}
