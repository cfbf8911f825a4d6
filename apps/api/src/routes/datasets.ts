import { findProgramme, PROGRAMME_KEYS } from '@bagui/core/programmes';
import type { Problem } from '@bagui/core/errors';
import type { CsvVisitor } from '@bagui/core/tabular';
import { decodeCsv, readCsvBytes } from '@bagui/sheets/csv';
import type { Store } from '@bagui/store';
import express, { type Router } from 'express';
import { writer, authorize } from '../http/auth.js';
import { CSV_TYPES, type BodyReaders } from '../http/bodies.js';
import { HttpProblem } from '../http/problem.js';
import { storeProblem } from '../http/store-problems.js';
import { absoluteUrl } from '../http/urls.js';
import { fromDomain, inParameters, invalid, parseWith, refuseQuery } from '../http/validation.js';
import { warningsField } from '../programmes/baseline.js';
import { datasetParamsSchema, datasetUploadQuerySchema } from '../schemas/datasets.js';

const DATASETS_PATH = '/v1/datasets';

/**
 * Uploaded applicants files (CSV: UTF-8, or GB18030 declared or detected; kept as UTF-8 without a
 * byte-order mark), stored once under the SHA-256 of those bytes, for saved
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
    // Read with the reader of every other CSV upload and of the CLI (decoded and split in one
    // pass, the charset= honoured or the encoding detected), as a table or as the programme's applicants.
    const bytes = await deps.bodies.bytes(req);
    const contentType = req.headers['content-type'];
    const found: Problem[] = [];
    const reader = programme?.applicantTable();
    const visitor: CsvVisitor = reader ?? { header: () => undefined, record: () => undefined, problem: (p) => found.push(p) };
    const read = readCsvBytes(bytes, visitor, contentType === undefined ? {} : { contentType });
    if (!read.ok && read.problems[0]?.code === 'CSV.ENCODING_UNSUPPORTED') {
      throw new HttpProblem('UNSUPPORTED_MEDIA_TYPE', read.problems[0].message);
    }
    const table = reader?.finish();
    const problems = !read.ok ? read.problems : table === undefined ? found : table.ok ? [] : table.problems;
    if (!read.ok || problems.length > 0) {
      throw invalid(
        `the file has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; nothing was stored`,
        problems.map((p) => fromDomain(p, {})),
      );
    }
    const warnings = table?.ok === true ? table.value.warnings.map((p) => fromDomain(p, {})) : [];
    // Stored as UTF-8 without a byte-order mark: the bytes as sent when they are that, else the text re-encoded.
    const bom = read.value.bom ? 3 : 0;
    const stored =
      read.value.encoding === 'utf-8'
        ? Buffer.from(bytes.buffer, bytes.byteOffset + bom, bytes.length - bom)
        : Buffer.from(textOf(bytes, contentType), 'utf8');
    const put = await deps.store.datasets.put(stored, { mediaType: 'text/csv; charset=utf-8' }, who);
    if (!put.ok) throw storeProblem(put, inParameters, 'nothing was stored');
    const { dataset, created } = put.value;
    res.status(created ? 201 : 200).location(absoluteUrl(req, `${DATASETS_PATH}/${dataset.hash}`));
    res.json({ ...dataset, ...warningsField(warnings) });
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

/** A body in GB18030 (detected or declared) as text, to be stored as UTF-8. */
function textOf(bytes: Uint8Array, contentType: string | undefined): string {
  const decoded = decodeCsv(bytes, contentType === undefined ? {} : { contentType });
  return decoded.ok ? decoded.value.text : '';
}
