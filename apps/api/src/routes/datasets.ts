import { findProgramme, PROGRAMME_KEYS } from '@bagui/core/programmes';
import { parseCsv } from '@bagui/core/tabular';
import type { Store } from '@bagui/store';
import express, { type Router } from 'express';
import { writer, authorize } from '../http/auth.js';
import { CSV_TYPES, type BodyReaders } from '../http/bodies.js';
import { HttpProblem } from '../http/problem.js';
import { storeProblem } from '../http/store-problems.js';
import { absoluteUrl } from '../http/urls.js';
import { fromDomain, inParameters, invalid, parseWith, refuseQuery } from '../http/validation.js';
import { datasetParamsSchema, datasetUploadQuerySchema } from '../store-schemas.js';

const DATASETS_PATH = '/v1/datasets';

/**
 * Uploaded applicants files (CSV, UTF-8), stored once under the SHA-256 of their bytes, for saved
 * scenarios to bind to their `applicants.file` paths. Checked before they are kept: as a CSV
 * table, and as a programme's applicants when `programme` names one.
 */
export function datasetRoutes(deps: { readonly store: Store; readonly bodies: BodyReaders }): Router {
  const router = express.Router();

  router.post('/datasets', async (req, res) => {
    const who = writer(req, 'analyst');
    const query = parseWith(datasetUploadQuerySchema, req.query, inParameters, 'query string');
    const programme = query.programme === undefined ? undefined : findProgramme(query.programme);
    if (query.programme !== undefined && programme === undefined) {
      throw invalid('the query string has a problem; nothing was stored', [
        {
          code: 'REQUEST.INVALID_VALUE',
          message: `programme: there is no programme ${JSON.stringify(query.programme)}; the programmes are ${PROGRAMME_KEYS.join(', ')}`,
          parameter: 'programme',
          value: query.programme,
        },
      ]);
    }
    if (!req.is(CSV_TYPES)) {
      throw new HttpProblem(
        'UNSUPPORTED_MEDIA_TYPE',
        `cannot store a body of type ${JSON.stringify(req.headers['content-type'] ?? 'none')}: send the applicants file as text/csv (UTF-8)`,
      );
    }
    const text = await deps.bodies.text(req);
    const checked = programme === undefined ? parseCsv(text) : programme.readApplicantsCsv(text);
    if (!checked.ok) {
      throw invalid(
        `the file has ${checked.problems.length === 1 ? 'a problem' : `${checked.problems.length} problems`}; nothing was stored`,
        checked.problems.map((p) => fromDomain(p, {})),
      );
    }
    const put = await deps.store.datasets.put(Buffer.from(text, 'utf8'), { mediaType: 'text/csv; charset=utf-8' }, who);
    if (!put.ok) throw storeProblem(put, inParameters, 'nothing was stored');
    const { dataset, created } = put.value;
    res.status(created ? 201 : 200).location(absoluteUrl(req, `${DATASETS_PATH}/${dataset.hash}`));
    res.json(dataset);
  });

  router.get('/datasets/:hash', async (req, res) => {
    authorize(req, 'viewer');
    const { hash } = parseWith(datasetParamsSchema, req.params, inParameters, 'path');
    refuseQuery(req);
    const got = await deps.store.datasets.get(hash);
    if (!got.ok) throw storeProblem(got, inParameters, 'nothing was read');
    res.setHeader('ETag', `"${got.value.hash}"`);
    res.type(got.value.mediaType).send(Buffer.from(got.value.bytes));
  });

  return router;
}
