import { findProgramme, PROGRAMME_KEYS, programmeRegistry } from '@bagui/core/programmes';
import express, { type Router } from 'express';
import { HttpProblem } from '../http/problem.js';
import { fromDomain, inParameters, invalid, parseWith, refuseQuery } from '../http/validation.js';
import { setParametersVersion } from '../http/versions.js';
import { cataloguedProgrammes, parameterSetView, programmeView } from '../programmes/catalogue.js';
import { parametersQuerySchema } from '../schemas/catalogue.js';

export interface ProgrammeRoutesDeps {
  readonly today: () => string;
}

/** The catalogue of every programme, and each programme's parameters on a date. */
export function programmeRoutes(deps: ProgrammeRoutesDeps): Router {
  const router = express.Router();

  router.get('/programmes', (req, res) => {
    refuseQuery(req);
    res.json({ programmes: cataloguedProgrammes().map(programmeView) });
  });

  router.get('/programmes/:key/parameters', (req, res) => {
    const key = req.params.key;
    if (findProgramme(key) === undefined) {
      throw new HttpProblem(
        'PROGRAMME.NOT_FOUND',
        `there is no programme ${JSON.stringify(key)}: the programmes are ${PROGRAMME_KEYS.join(', ')}`,
      );
    }
    const query = parseWith(parametersQuerySchema, req.query, inParameters, 'query string');
    const set = programmeRegistry(key).resolve(query.date ?? deps.today());
    if (!set.ok) {
      throw invalid(
        'there are no parameters in force on that date',
        set.problems.map((p) => fromDomain(p, { parameter: 'date' })),
      );
    }
    setParametersVersion(res, set.value.version);
    res.json(parameterSetView(key, set.value));
  });

  return router;
}
