import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApiDocument, OPERATIONS } from '../src/openapi.js';
import { evaluateBodySchema, evaluateRequestSchema } from '../src/schemas/evaluate.js';
import { expectDocumented, testApp } from './support.js';

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const served = (await request(testApp()).get('/openapi.json')).body as Record<string, unknown>;
    expect(served).toEqual(openApiDocument());
    const validator = new Validator();
    const result = await validator.validate(served);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('resolves every reference to a component, and leaves no local definitions behind', () => {
    const text = JSON.stringify(openApiDocument());
    const document = openApiDocument() as { components: { schemas: Record<string, unknown> } };
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/gu)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(document.components.schemas).toHaveProperty(ref ?? '');
    expect(text).not.toContain('$defs');
  });

  it('documents the request body with the fields the handler validates, required and optional alike', () => {
    const fields = (schema: z.ZodObject) => Object.entries(schema.shape).map(([name, field]) => [name, field instanceof z.ZodOptional]);
    expect(fields(evaluateRequestSchema)).toEqual(fields(evaluateBodySchema));
    expect(fields(evaluateBodySchema)).toEqual([
      ['budget', false],
      ['method', true],
      ['date', true],
      ['overrides', true],
      ['enterprises', false],
    ]);
  });

  it('has a route behind every operation', async () => {
    const app = testApp();
    for (const op of OPERATIONS) {
      const res = await request(app)[op.method](op.path.replace(/\{[^}]+\}/gu, 'x'));
      expect([res.status, res.body.code], `${op.method} ${op.path}`).not.toEqual([404, 'NOT_FOUND']);
      expect(res.status, `${op.method} ${op.path}`).not.toBe(405);
    }
  });

  it('is checked against real responses: a body that does not match fails the check', async () => {
    const health = await request(testApp()).get('/health');
    expect(() => expectDocumented(health, 'listProgrammes')).toThrow(/does not match its schema/u);
    const missing = await request(testApp()).get('/nowhere');
    expect(() => expectDocumented(missing, 'listProgrammes')).toThrow(/does not document status 404/u);
  });
});
