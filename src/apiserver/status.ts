import { errorBody, errorText, type FieldError } from './field-errors';

/** A meta/v1 Status, the body of every API error. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: { reason?: string; message?: string; field?: string }[];
    retryAfterSeconds?: number;
  };
  code: number;
}

/** An error that the HTTP layer answers with its Status (k8s.io/apimachinery/pkg/api/errors). */
export class StatusError extends Error {
  constructor(readonly status: Status, readonly headers: Record<string, string> = {}) {
    super(status.message);
  }
  get code(): number {
    return this.status.code;
  }
}

/** Names a resource the way upstream messages do: `pods`, `deployments.apps`. */
export interface GroupResource {
  group: string;
  resource: string;
}

export function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

function failure(code: number, reason: string, message: string, details?: Status['details']): StatusError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) status.details = details;
  return new StatusError(status);
}

export const notFound = (gr: GroupResource, name: string) =>
  failure(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`, { name, group: gr.group || undefined, kind: gr.resource });

export const alreadyExists = (gr: GroupResource, name: string) =>
  failure(409, 'AlreadyExists', `${qualifiedResource(gr)} "${name}" already exists`, { name, group: gr.group || undefined, kind: gr.resource });

export const conflict = (gr: GroupResource, name: string, why: string) =>
  failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${why}`, { name, group: gr.group || undefined, kind: gr.resource });

export const staleConflict = (gr: GroupResource, name: string) =>
  conflict(gr, name, 'the object has been modified; please apply your changes to the latest version and try again');

export const badRequest = (message: string) => failure(400, 'BadRequest', message);

export const forbidden = (gr: GroupResource, name: string, why: string) =>
  failure(403, 'Forbidden', `${qualifiedResource(gr)}${name ? ` "${name}"` : ''} is forbidden: ${why}`, { name: name || undefined, group: gr.group || undefined, kind: gr.resource });

export const methodNotSupported = (gr: GroupResource, verb: string) =>
  failure(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${qualifiedResource(gr)}"`, { group: gr.group || undefined, kind: gr.resource });

export const unsupportedMediaType = (contentType: string, accepted = 'application/json, application/yaml, application/vnd.kubernetes.protobuf') =>
  failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted}`, { causes: [{ reason: 'UnsupportedMediaType', message: contentType }] });

export const notAcceptable = () =>
  failure(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf');

export const tooLarge = (message = 'the request is too large') => failure(413, 'RequestEntityTooLarge', message);

export const expired = (message: string) => failure(410, 'Expired', message);

export const gone = (message: string) => failure(410, 'Gone', message);

export const unauthorized = (message = 'Unauthorized') => failure(401, 'Unauthorized', message);

export const internalError = (message: string) =>
  failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });

export const tooManyRequests = (retryAfterSeconds: number) => {
  const e = failure(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds });
  return new StatusError(e.status, { 'Retry-After': String(retryAfterSeconds) });
};

/** `Kind "name" is invalid: [a, b]` with one cause per field error (errors.NewInvalid). */
export function invalid(kind: string, group: string, name: string, errs: FieldError[]): StatusError {
  const texts = errs.map(errorText);
  const list = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  return failure(422, 'Invalid', `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${list}`, {
    name,
    group: group || undefined,
    kind,
    causes: errs.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field })),
  });
}

/** A Status answered as a Response. */
export function statusResponse(err: StatusError): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...err.headers };
  return new Response(JSON.stringify(err.status), { status: err.code, headers });
}
