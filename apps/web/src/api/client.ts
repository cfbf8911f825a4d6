/**
 * The planner's calls to the Bagui API (same origin: the API serves the planner). Today it asks
 * whether the API is up and which engine it runs; saving, opening and sharing scenarios go here
 * once saved scenarios exist on the API (issue #14).
 */
export interface ApiHealth {
  readonly status: string;
  readonly engine_version: string;
}

export async function fetchHealth(fetcher: typeof fetch = fetch): Promise<ApiHealth | undefined> {
  try {
    const response = await fetcher('/health', { headers: { accept: 'application/json' } });
    if (!response.ok) return undefined;
    const body = (await response.json()) as Partial<ApiHealth>;
    return typeof body.engine_version === 'string' && typeof body.status === 'string'
      ? { status: body.status, engine_version: body.engine_version }
      : undefined;
  } catch {
    return undefined;
  }
}
