/**
 * One ValidatingAdmissionPolicy evaluated for one request and one param (k8s.io/apiserver's
 * policy/validating validator.go): the matchConditions first (any false: the policy does not
 * apply; errors follow the failurePolicy), then every validation, whose failure is a decision
 * to deny with the validation's reason (Invalid by default) and message — the messageExpression's
 * string if it gives a single line, else `message`, else `failed expression: <expression>`.
 * An expression that errors denies under failurePolicy Fail and admits under Ignore.
 * `variables` are computed on first use, each once, and may use the ones before them.
 */
import { celTypeName, evaluateExpression } from './cel';

export interface Validation {
  expression: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
}

export interface PolicySpec {
  failurePolicy?: 'Fail' | 'Ignore';
  paramKind?: { apiVersion?: string; kind?: string };
  matchConstraints?: import('./matching').MatchResources;
  validations?: Validation[];
  matchConditions?: { name: string; expression: string }[];
  variables?: { name: string; expression: string }[];
  auditAnnotations?: { key: string; valueExpression: string }[];
}

export interface PolicyDecision {
  action: 'admit' | 'deny';
  /** The expression failed to evaluate (rather than evaluating to false). */
  errored?: boolean;
  message?: string;
  reason?: string;
}

export interface AuditAnnotationResult {
  key: string;
  action: 'publish' | 'exclude' | 'error';
  value?: string;
  error?: string;
}

export interface ValidateResult {
  decisions: PolicyDecision[];
  auditAnnotations: AuditAnnotationResult[];
}

/** The variables of one evaluation, except `variables` (added here). */
export type Activation = Record<string, unknown>;

/** Longest messageExpression result kept (celconfig.MaxEvaluatedMessageExpressionSizeBytes). */
const MAX_MESSAGE = 5 * 1024;

/** `variables`: an object whose members evaluate on first read (composition's lazy variables). */
function lazyVariables(spec: PolicySpec, base: Activation): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  const activation = { ...base, variables: vars };
  for (const v of spec.variables ?? []) {
    let done: { value?: unknown; error?: string } | undefined;
    Object.defineProperty(vars, v.name, {
      enumerable: true,
      configurable: true,
      get() {
        done ??= evaluateExpression(v.expression, activation);
        if (done.error !== undefined) throw new Error(done.error);
        return done.value;
      },
    });
  }
  return activation;
}

/** utilerrors.NewAggregate's text. */
const aggregate = (errs: string[]) => (errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);

/** Evaluate the policy `spec` in `base` (object, oldObject, request, params, namespaceObject, authorizer). */
export function validate(spec: PolicySpec, base: Activation): ValidateResult {
  const fail = spec.failurePolicy !== 'Ignore';
  const onError = (message: string): PolicyDecision => ({ action: fail ? 'deny' : 'admit', errored: true, message });
  const activation = lazyVariables(spec, base);
  const errors: string[] = [];
  for (const c of spec.matchConditions ?? []) {
    const r = evaluateExpression(c.expression, activation);
    if (r.error !== undefined) errors.push(r.error);
    else if (r.value === false) return { decisions: [], auditAnnotations: [] };
  }
  if (errors.length) return { decisions: fail ? [onError(aggregate(errors))] : [], auditAnnotations: [] };
  const decisions = (spec.validations ?? []).map((v): PolicyDecision => {
    const r = evaluateExpression(v.expression, activation);
    if (r.error !== undefined) return onError(r.error);
    if (r.value === true) return { action: 'admit' };
    if (r.value !== false) return onError(`expression '${v.expression}' resulted in error: no such overload: validation must evaluate to bool, not ${celTypeName(r.value)}`);
    return { action: 'deny', reason: v.reason || 'Invalid', message: messageOf(v, activation) };
  });
  const auditAnnotations = (spec.auditAnnotations ?? []).map((a): AuditAnnotationResult => {
    const r = evaluateExpression(a.valueExpression, activation);
    if (r.error !== undefined) return { key: a.key, action: fail ? 'error' : 'exclude', error: r.error };
    if (r.value === null || r.value === undefined) return { key: a.key, action: 'exclude' };
    if (typeof r.value !== 'string') {
      return { key: a.key, action: 'error', error: `valueExpression '${a.valueExpression}' resulted in unsupported return type: ${celTypeName(r.value)}. Return type must be either string or null.` };
    }
    const value = r.value.trim();
    return value ? { key: a.key, action: 'publish', value } : { key: a.key, action: 'exclude' };
  });
  return { decisions, auditAnnotations };
}

function messageOf(v: Validation, activation: Activation): string {
  if (v.messageExpression?.trim()) {
    const { authorizer: _unused, ...withoutAuthorizer } = activation;
    const r = evaluateExpression(v.messageExpression, withoutAuthorizer);
    if (typeof r.value === 'string') {
      const m = r.value.trim();
      if (m && m.length <= MAX_MESSAGE && !m.includes('\n')) return m;
    }
  }
  if (v.message?.trim()) return v.message.trim();
  return `failed expression: ${v.expression.trim()}`;
}
