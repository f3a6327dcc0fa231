/**
 * `x-kubernetes-validations` rules (CEL), checked as kube-apiserver 1.33's CEL validator runs
 * them (apiextensions' schema/cel): every rule of a schema node is evaluated with `self` the
 * node's value (never for null), nodes from the root down through properties, additionalProperties
 * and items; a transition rule (one that reads `oldSelf`) runs only on update where the node
 * correlates with the old object (object members by name, map-list items by key), unless it is
 * `optionalOldSelf`, when oldSelf is an optional. A rule that is false is reported at the node
 * (or at its `fieldPath`) with its reason:
 *   spec: Invalid value: "object": failed rule: self.minReplicas <= self.replicas
 * `message` replaces the rule in the text, `messageExpression` computes it. Errors of rules on
 * values left unchanged by an update are dropped (ratcheting), transition rules excepted.
 * Cost budgets are not estimated.
 */
import { duplicate, forbidden, invalid, required, type FieldError } from '../../field-errors';
import { celMessage, compileRule } from './cel-env';
import { toCel } from './cel-values';
import { oldItem, oldMember, unchanged, type Old } from './correlation';
import { Optional } from '@marcbachmann/cel-js';
import type { RuleEngine, RuleOptions } from './rule-engine';
import { resolveRuleFieldPath } from './rule-field-path';
import { additionalSchema, child, index, isObject, itemsSchema, key, propertyOf, type JSONSchemaProps, type ValidationRule } from './types';

/** Whether a schema has any rule (only then do rules and their pre-check run). */
export function hasValidationRules(s: JSONSchemaProps | undefined): boolean {
  if (!s) return false;
  if (s['x-kubernetes-validations']?.length) return true;
  return hasValidationRules(itemsSchema(s)) || hasValidationRules(additionalSchema(s)) || Object.values(s.properties ?? {}).some(hasValidationRules);
}

/** Compile errors of every rule of a CRD schema (at `path`), for the CRD's validation. */
export function ruleCompileErrors(s: JSONSchemaProps | undefined, path: string): FieldError[] {
  if (!isObject(s)) return [];
  const errs: FieldError[] = [];
  (s['x-kubernetes-validations'] ?? []).forEach((r, i) => {
    const p = index(child(path, 'x-kubernetes-validations'), i);
    if (r.rule?.trim()) {
      const c = compileRule(r.rule, r.optionalOldSelf === true);
      if (c.error) errs.push(invalid(child(p, 'rule'), r, `compilation failed: ${c.error}`));
      else if (r.optionalOldSelf !== undefined && !c.usesOldSelf) errs.push(invalid(child(p, 'optionalOldSelf'), r.optionalOldSelf, 'may not be set if oldSelf is not used in rule'));
    }
    if (r.messageExpression?.trim()) {
      const m = compileRule(r.messageExpression);
      if (m.error) errs.push(invalid(child(p, 'messageExpression'), r, `messageExpression compilation failed: ${m.error}`));
    }
  });
  const items = itemsSchema(s);
  if (items) errs.push(...ruleCompileErrors(items, child(path, 'items')));
  for (const [k, v] of Object.entries(s.properties ?? {})) errs.push(...ruleCompileErrors(v, key(child(path, 'properties'), k)));
  const ap = additionalSchema(s);
  if (ap) errs.push(...ruleCompileErrors(ap, child(path, 'additionalProperties')));
  return errs;
}

/** The errors of every rule of `schema` on `obj` (a custom object); `old` on update. */
export function validateRules(schema: JSONSchemaProps, obj: unknown, old?: unknown, opts: RuleOptions = {}): FieldError[] {
  const errs: FieldError[] = [];
  const path = opts.fieldPath ?? '';
  const run: Run = { errs, ratchet: opts.ratchet ?? true };
  walk(schema, obj, old === undefined ? undefined : { value: old }, path, run, opts.isResourceRoot ?? !path);
  return errs;
}

/** One validation's state: the errors found and whether unchanged values are ratcheted. */
interface Run {
  errs: FieldError[];
  ratchet: boolean;
}

function walk(s: JSONSchemaProps | undefined, v: unknown, old: Old | undefined, path: string, run: Run, isRoot = false): void {
  if (!s || v === null || v === undefined) return;
  if (s['x-kubernetes-validations']?.length) evaluate(s, v, old, path, run, isRoot);
  if (Array.isArray(v)) {
    const items = itemsSchema(s);
    if (items) v.forEach((x, i) => walk(items, x, oldItem(s, old, x), index(path, i), run));
  } else if (isObject(v)) {
    const extra = additionalSchema(s);
    for (const [k, x] of Object.entries(v)) {
      const prop = propertyOf(s, k);
      if (prop) walk(prop, x, oldMember(old, k), child(path, k), run);
      else if (extra) walk(extra, x, oldMember(old, k), key(path, k), run);
    }
  }
}

const ruleErrorString = (r: ValidationRule) => (r.message?.trim() ? r.message.trim() : r.rule.trim());

function errorForReason(path: string, value: unknown, detail: string, reason: string | undefined): FieldError {
  switch (reason) {
    case 'FieldValueForbidden':
      return forbidden(path, detail);
    case 'FieldValueRequired':
      return required(path, detail);
    case 'FieldValueDuplicate':
      return duplicate(path, value);
    default:
      return invalid(path, value, detail);
  }
}

function evaluate(s: JSONSchemaProps, v: unknown, old: Old | undefined, fldPath: string, run: Run, isRoot: boolean): void {
  const { errs } = run;
  const path = fldPath || '<nil>';
  const type = s.type ?? '';
  const self = toCel(s, v, isRoot);
  const oldSelf = old ? toCel(s, old.value, isRoot) : undefined;
  for (const rule of s['x-kubernetes-validations'] ?? []) {
    if (!rule.rule?.trim()) continue;
    const optional = rule.optionalOldSelf === true;
    const compiled = compileRule(rule.rule, optional);
    if (compiled.error || !compiled.program) {
      errs.push(invalid(path, type, `rule compile error: ${compiled.error}`));
      continue;
    }
    if (compiled.usesOldSelf && !old && !optional) continue;
    const context: Record<string, unknown> = { self };
    if (optional) context.oldSelf = old ? Optional.of(oldSelf) : Optional.none();
    else if (old) context.oldSelf = oldSelf;
    let result: unknown;
    try {
      result = compiled.program(context);
    } catch (err) {
      const m = celMessage(err);
      errs.push(invalid(path, type, m.startsWith('no such overload')
        ? `'${m}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleErrorString(rule)}`
        : `${m.charAt(0).toLowerCase()}${m.slice(1)} evaluating rule: ${ruleErrorString(rule)}`));
      continue;
    }
    if (result === true) continue;
    if (run.ratchet && !compiled.usesOldSelf && unchanged(v, old)) continue;
    const resolved = rule.fieldPath?.trim() ? resolveRuleFieldPath(rule.fieldPath.trim(), s) : undefined;
    // upstream joins the normalised path as one child: a map key at the top reads `spec.[key]`.
    const at = resolved && 'path' in resolved && resolved.path ? child(fldPath, resolved.path) : path;
    errs.push(errorForReason(at, type, messageOf(rule, context), rule.reason));
  }
}

/** The message of a failed rule: its messageExpression's string if that evaluates, else message or `failed rule: …`. */
function messageOf(rule: ValidationRule, context: Record<string, unknown>): string {
  if (rule.messageExpression?.trim()) {
    const m = compileRule(rule.messageExpression, rule.optionalOldSelf === true);
    try {
      const out = m.program?.(context);
      if (typeof out === 'string' && out.trim() && !/[\n\r]/.test(out)) return out.trim();
    } catch {
      // upstream falls back to the message when the expression fails
    }
  }
  return rule.message?.trim() ? rule.message.trim() : `failed rule: ${rule.rule.trim()}`;
}

/** The CEL rule engine, to pass to checkStructural and validateObject. */
export const celRules: RuleEngine = { hasRules: hasValidationRules, validate: validateRules, compileErrors: ruleCompileErrors };
