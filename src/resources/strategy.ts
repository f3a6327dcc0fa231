import type { FieldError } from '../apiserver/field-errors';
import type { KubeObject } from '../apiserver/types';

/**
 * The per-kind behaviour of the generic registry, after k8s.io/apiserver's RESTCreateStrategy /
 * RESTUpdateStrategy. Strategies never touch storage; the store owns the order of steps:
 *   decode → defaults → prepareForCreate|Update → validate|validateUpdate → admission → store.
 * `prepare*` normalises and never rejects; `validate*` never mutates.
 */
export interface Strategy {
  /** Scheme defaulting (SetDefaults_*): fill unset fields with their defaults, in place. */
  defaults?(obj: KubeObject): void;
  /** Normalise a new object (e.g. drop status, set generation), in place. */
  prepareForCreate?(obj: KubeObject): void;
  /** Normalise an update (e.g. keep the old status, bump generation on spec change), in place. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject): void;
  /** Field errors of a new object; metadata (name, labels…) is validated by the store. */
  validate?(obj: KubeObject): FieldError[];
  /** Field errors of an update, immutable fields included. */
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
  /** Non-fatal warnings returned as `Warning:` headers. */
  warnings?(obj: KubeObject, old?: KubeObject): string[];
}

/** The strategy of a status subresource: keep the spec of the stored object, take the status. */
export interface StatusStrategy {
  prepareForUpdate?(obj: KubeObject, old: KubeObject): void;
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
}
