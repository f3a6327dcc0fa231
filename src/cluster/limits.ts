import { forbidden, tooManyRequests, type StatusError } from '../apiserver/status';

/**
 * Per-tenant limits enforced by the tenant's Durable Object: a request rate (queued fairly,
 * fairness.ts), concurrent watches and stored objects. The rate and watch limits answer 429
 * TooManyRequests with `Retry-After: 1`, as kube-apiserver's max-in-flight and priority-and-fairness filters do
 * (k8s.io/apiserver/pkg/server/filters/maxinflight.go: "Too many requests, please try again
 * later."); the object limit refuses a create with 403 Forbidden in the wording of a
 * ResourceQuota refusal (plugin/pkg/admission/resourcequota), naming the tenant's limit.
 */

/** Seconds a refused client is told to wait (upstream's constant for these filters). */
export const RETRY_AFTER_SECONDS = 1;

/** The name of the object limit in refusals, as a quota's name appears in upstream's message. */
export const OBJECT_LIMIT_NAME = 'tenant-object-limit';

/** The 429 of the rate and watch limits (Status with details.retryAfterSeconds, and Retry-After). */
export function tooMany(): StatusError {
  return tooManyRequests(RETRY_AFTER_SECONDS);
}

/**
 * The 403 refusing a create over the object limit, e.g. `configmaps "x" is forbidden: exceeded
 * quota: tenant-object-limit, requested: objects=1, used: objects=5000, limited: objects=5000`.
 */
export function objectLimitExceeded(gr: { group: string; resource: string }, name: string, requested: number, used: number, limit: number): StatusError {
  return forbidden(gr, name, `exceeded quota: ${OBJECT_LIMIT_NAME}, requested: objects=${requested}, used: objects=${used}, limited: objects=${limit}`);
}
