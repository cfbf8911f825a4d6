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
