/**
 * The CEL environment of ValidatingAdmissionPolicy expressions (validations, messageExpression,
 * matchConditions, variables, auditAnnotations): the variables `object`, `oldObject`, `request`,
 * `params`, `namespaceObject`, `authorizer` and `variables`, over the same Kubernetes extension
 * functions as CRD rules (schema/structural/cel-env.ts). Values are untyped (dyn): a field the
 * object lacks is found when the expression runs (`no such key`), not when the policy is written.
 */
import { Environment } from '@marcbachmann/cel-js';
import { celMessage, compileIn, kubernetesEnvironment, type Program } from '../../apiserver/schema/structural/cel-env';
import { registerAuthorizerLibrary } from './authorizer';

let env: Environment | undefined;

function environment(): Environment {
  if (env) return env;
  const e = registerAuthorizerLibrary(kubernetesEnvironment());
  for (const v of ['object', 'oldObject', 'request', 'params', 'namespaceObject', 'variables']) e.registerVariable(v, 'dyn');
  e.registerVariable('authorizer', 'kubernetes.authorization.Authorizer');
  return (env = e);
}

export interface CompiledExpression {
  program?: Program;
  /** cel-go's `ERROR: <input>:1:6: …` for an expression that does not compile. */
  error?: string;
}

const cache = new Map<string, CompiledExpression>();

/** Compile an admission policy expression (memoised per isolate). */
export function compileExpression(src: string): CompiledExpression {
  let c = cache.get(src);
  if (c) return c;
  c = compileIn(environment(), src);
  if (cache.size > 2000) cache.clear();
  cache.set(src, c);
  return c;
}

/** The outcome of one expression: its value, or the error upstream's activation reports. */
export type Evaluation = { value: unknown; error?: undefined } | { error: string; value?: undefined };

/**
 * Evaluate `src` with `vars`: a compile error reads `compilation error: …`, a runtime error
 * `expression '<src>' resulted in error: …` (as k8s.io/apiserver's cel activation words them).
 */
export function evaluateExpression(src: string, vars: Record<string, unknown>): Evaluation {
  const c = compileExpression(src);
  if (!c.program) return { error: `compilation error: ${c.error}` };
  try {
    return { value: c.program(vars) };
  } catch (err) {
    const m = celMessage(err);
    return { error: `expression '${src}' resulted in error: ${m.charAt(0).toLowerCase()}${m.slice(1)}` };
  }
}

/** CEL's name of a value's type, for messages about results of the wrong type. */
export function celTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'null_type';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Date) return 'google.protobuf.Timestamp';
  return 'map';
}
