import type { ParameterSet } from '@bagui/core/parameters';
import { PROGRAMMES, type Programme } from '@bagui/core/programmes';
import type { z } from 'zod';
import type { parameterSetSchema, programmeSchema } from '../schemas/catalogue.js';

export const RD_PATH = '/v1/programmes/rd_incentive';

/** The reply letter's sections are cited as `letter 一(一)三`. */
const LETTER = /^letter\s/u;

/** Every programme of the core, the R&D incentive (the contract's) first. */
export function cataloguedProgrammes(): readonly Programme[] {
  return [...PROGRAMMES.filter((p) => p.key === 'rd_incentive'), ...PROGRAMMES.filter((p) => p.key !== 'rd_incentive')];
}

/** A programme in the catalogue: its name, and every source its parameters cite. */
export function programmeView(programme: Programme): z.input<typeof programmeSchema> {
  const sources = new Map<string, { citation: string; title?: string; assumption: boolean; parameters: string[] }>();
  for (const def of programme.parameters) {
    const { citation, title } = def.source;
    const entry = sources.get(citation) ?? { citation, ...(title === undefined ? {} : { title }), assumption: false, parameters: [] };
    entry.assumption ||= def.assumption;
    entry.parameters.push(def.path);
    sources.set(citation, entry);
  }
  const path = `/v1/programmes/${programme.key}`;
  return {
    id: programme.key,
    name: { zh: programme.label.zh, en: programme.label.en },
    letter_citations: [...new Set([programme.citation, ...sources.keys()])].filter((citation) => LETTER.test(citation)),
    sources: [...sources.values()],
    methods: [...programme.methods],
    applicant_fields: programme.applicantFields.map((f) => ({
      name: f.name,
      zh: f.zh,
      kind: f.kind,
      required: f.required,
      ...(f.default === undefined ? {} : { default: f.default }),
      ...(f.max === undefined ? {} : { max: f.max }),
      ...(f.choices === undefined ? {} : { choices: f.choices.map((c) => ({ value: c.value, zh: c.zh })) }),
    })),
    links: { parameters: `${path}/parameters`, evaluate: `${path}/evaluate`, compare: `${path}/compare`, sweep: `${path}/sweep` },
  };
}

/** A parameter set as the API shows it (schema `ParameterSet`). */
export function parameterSetView(programme: string, set: ParameterSet): z.input<typeof parameterSetSchema> {
  return {
    program: programme,
    programme,
    date: set.date,
    version: set.version,
    parameters: set.all().map(({ definition, display, from }) => ({
      path: definition.path,
      kind: definition.kind,
      unit: definition.unit,
      label: { zh: definition.label.zh, en: definition.label.en },
      // Tiers display as JSON text; the API gives them as the list they are.
      value: definition.kind === 'tiers' ? (JSON.parse(display) as { min_intensity: string; rate: string }[]) : display,
      from,
      source: {
        citation: definition.source.citation,
        ...(definition.source.title === undefined ? {} : { title: definition.source.title }),
      },
      assumption: definition.assumption,
    })),
  };
}
