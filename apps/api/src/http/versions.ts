import { createHash } from 'node:crypto';
import { ENGINE_VERSION } from '@bagui/core/version';
import type { RequestHandler, Response } from 'express';

/** Every response names the engine that computed it; every result, the parameter set it used. */
export const ENGINE_VERSION_HEADER = 'Bagui-Engine-Version';
export const PARAMETERS_VERSION_HEADER = 'Bagui-Parameters-Version';

export const engineVersion: RequestHandler = (_req, res, next) => {
  res.setHeader(ENGINE_VERSION_HEADER, ENGINE_VERSION);
  next();
};

export function setParametersVersion(res: Response, version: string): void {
  res.setHeader(PARAMETERS_VERSION_HEADER, version);
}

/**
 * One version for several programmes' parameter sets (a scenario): the programme's own when
 * there is one, else a digest of each `id=version`.
 */
export function combinedParametersVersion(programmes: readonly { readonly id: string; readonly version: string }[]): string {
  const [only] = programmes;
  if (programmes.length === 1 && only !== undefined) return only.version;
  return createHash('sha256')
    .update(programmes.map((p) => `${p.id}=${p.version}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
}
