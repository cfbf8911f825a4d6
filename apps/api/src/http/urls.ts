import type { Request } from 'express';

/**
 * An absolute URL of `path` on this server, as the client reached it: the request's protocol and
 * Host with its port (behind TRUST_PROXY_HOPS proxies, their X-Forwarded-Proto and X-Forwarded-Host).
 */
export function absoluteUrl(req: Request, path: string): string {
  return `${req.protocol}://${req.host}${path}`;
}
