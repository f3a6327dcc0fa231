/**
 * A result of kube-openapi's validator (validate.Result): its errors, each reported once (by
 * message), and how many checks matched, which picks the closest alternative of a failed anyOf
 * or oneOf.
 */
import type { OpenAPIError } from './openapi-errors';

/** A validation result: its errors (deduplicated by message) and how many checks matched. */
export class Result {
  errors: OpenAPIError[] = [];
  matchCount = 0;

  add(...errs: (OpenAPIError | undefined)[]): void {
    for (const e of errs) if (e && !this.errors.some((x) => x.message === e.message)) this.errors.push(e);
  }

  merge(...others: (Result | undefined)[]): this {
    for (const o of others) {
      if (!o) continue;
      this.add(...o.errors);
      this.matchCount += o.matchCount;
    }
    return this;
  }

  get valid(): boolean {
    return this.errors.length === 0;
  }
}

/** A result holding one error. */
export function single(e: OpenAPIError): Result {
  const r = new Result();
  r.add(e);
  return r;
}
