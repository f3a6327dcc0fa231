import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';

/** An admin API failure with its HTTP status; answered as `{ "code": …, "message": … }`. */
export class AdminError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
  ) {
    super(message);
  }
}

/** A JSON error answer: `{ code, message }`. */
export function errorJson(c: Context, status: ContentfulStatusCode, message: string): Response {
  return c.json({ code: status, message }, status);
}

/** The admin API's error handler: AdminError keeps its status, invalid bodies are 400, the rest 500. */
export function onAdminError(err: Error, c: Context): Response {
  if (err instanceof AdminError) return errorJson(c, err.status, err.message);
  if (err instanceof ZodError) {
    const msg = err.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    return errorJson(c, 400, `invalid request: ${msg}`);
  }
  console.error('admin API error', err);
  return errorJson(c, 500, `internal error: ${err.message}`);
}
