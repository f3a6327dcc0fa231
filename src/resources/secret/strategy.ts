/**
 * Secrets (SetDefaults_Secret, ValidateSecret/Update, pkg/registry/core/secret/strategy.go):
 * type Opaque by default; stringData is merged into data (base64) as the v1 conversion does;
 * keys are config keys; the per-type required keys; type and immutable contents are fixed.
 */
import { invalid, required, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { immutable, isObj, key } from '../podspec/common';
import { MAX_DATA_SIZE, validateImmutableUpdate, validateKeys } from '../configmap/strategy';

function base64Utf8(s: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

function decodedLength(b64: unknown): number {
  if (typeof b64 !== 'string') return 0;
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - pad;
}

function validate(obj: Record<string, any>): FieldError[] {
  const errs = validateKeys(obj.data, 'data');
  const data = isObj(obj.data) ? obj.data : {};
  let total = 0;
  for (const v of Object.values(data)) total += decodedLength(v);
  if (total > MAX_DATA_SIZE) errs.push({ type: 'FieldValueTooLong', field: 'data', detail: `must have at most ${MAX_DATA_SIZE} bytes` });
  const has = (k: string) => k in data;
  switch (obj.type) {
    case 'kubernetes.io/service-account-token': {
      const ann = 'kubernetes.io/service-account.name';
      if (!obj.metadata.annotations?.[ann]) errs.push(required(`metadata.annotations[${ann}]`, ''));
      break;
    }
    case 'kubernetes.io/dockercfg':
      if (!has('.dockercfg')) errs.push(required(key('data', '.dockercfg'), ''));
      break;
    case 'kubernetes.io/dockerconfigjson':
      if (!has('.dockerconfigjson')) errs.push(required(key('data', '.dockerconfigjson'), ''));
      break;
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) {
        errs.push(required(key('data', 'username'), ''), required(key('data', 'password'), ''));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!has('ssh-privatekey')) errs.push(required(key('data', 'ssh-privatekey'), ''));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(required(key('data', 'tls.crt'), ''));
      if (!has('tls.key')) errs.push(required(key('data', 'tls.key'), ''));
      break;
    default:
      break;
  }
  if (typeof obj.type === 'string' && obj.type !== '' && !/^[-._a-zA-Z0-9/]+$/.test(obj.type)) errs.push(invalid('type', obj.type, 'must be a valid secret type'));
  return errs;
}

/** The strategy of `secrets`. */
export const secretStrategy: Strategy = {
  defaults(obj) {
    obj.type ||= 'Opaque';
    if (isObj(obj.stringData)) {
      const data = isObj(obj.data) ? obj.data : {};
      for (const [k, v] of Object.entries(obj.stringData)) data[k] = base64Utf8(String(v));
      obj.data = data;
      delete obj.stringData;
    }
  },
  validate,
  validateUpdate: (obj, old) => [...immutable(obj.type, old.type, 'type'), ...validateImmutableUpdate(obj, old), ...validate(obj)],
};
