/**
 * LimitRanges (SetDefaults_LimitRangeItem, ValidateLimitRange): container items get default and
 * defaultRequest from max/default/min; min ≤ defaultRequest ≤ default ≤ max.
 */
import { invalid, notSupported, type FieldError } from '../../apiserver/field-errors';
import type { Strategy } from '../strategy';
import { arr, isObj, key } from '../podspec/common';
import { canonicalQuantity, quantityValue } from '../podspec/quantity';
import { validateQuantity } from '../podspec/validate-resources';

const TYPES = ['Container', 'PersistentVolumeClaim', 'Pod'];

function validate(obj: Record<string, any>): FieldError[] {
  const errs: FieldError[] = [];
  arr(obj.spec?.limits).forEach((item: any, i) => {
    const p = `spec.limits[${i}]`;
    if (!isObj(item)) return;
    if (!TYPES.includes(item.type)) errs.push(notSupported(`${p}.type`, item.type ?? '', TYPES));
    for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
      for (const [name, q] of Object.entries(isObj(item[f]) ? item[f] : {})) errs.push(...validateQuantity(name, q, key(`${p}.${f}`, name)));
    }
    const names = new Set([...Object.keys(item.max ?? {}), ...Object.keys(item.min ?? {}), ...Object.keys(item.default ?? {}), ...Object.keys(item.defaultRequest ?? {})]);
    for (const name of names) {
      const v = (f: string) => quantityValue(item[f]?.[name]);
      const s = (f: string) => canonicalQuantity(item[f]?.[name]);
      const [min, max, def, req] = [v('min'), v('max'), v('default'), v('defaultRequest')];
      if (min !== undefined && max !== undefined && min > max) errs.push(invalid(key(`${p}.min`, name), s('min'), `min value ${s('min')} is greater than max value ${s('max')}`));
      if (req !== undefined && min !== undefined && min > req) errs.push(invalid(key(`${p}.defaultRequest`, name), s('defaultRequest'), `min value ${s('min')} is greater than default request value ${s('defaultRequest')}`));
      if (req !== undefined && max !== undefined && req > max) errs.push(invalid(key(`${p}.defaultRequest`, name), s('defaultRequest'), `default request value ${s('defaultRequest')} is greater than max value ${s('max')}`));
      if (req !== undefined && def !== undefined && req > def) errs.push(invalid(key(`${p}.defaultRequest`, name), s('defaultRequest'), `default request value ${s('defaultRequest')} is greater than default limit value ${s('default')}`));
      if (def !== undefined && min !== undefined && min > def) errs.push(invalid(key(`${p}.default`, name), s('default'), `min value ${s('min')} is greater than default value ${s('default')}`));
      if (def !== undefined && max !== undefined && def > max) errs.push(invalid(key(`${p}.default`, name), s('default'), `default value ${s('default')} is greater than max value ${s('max')}`));
    }
  });
  return errs;
}

/** The strategy of `limitranges`. */
export const limitRangeStrategy: Strategy = {
  defaults(obj) {
    for (const item of arr(obj.spec?.limits)) {
      if (!isObj(item) || item.type !== 'Container') continue;
      const def = (item.default = isObj(item.default) ? item.default : {});
      const req = (item.defaultRequest = isObj(item.defaultRequest) ? item.defaultRequest : {});
      for (const [k, v] of Object.entries(isObj(item.max) ? item.max : {})) if (!(k in def)) def[k] = v;
      for (const [k, v] of Object.entries(def)) if (!(k in req)) req[k] = v;
      for (const [k, v] of Object.entries(isObj(item.min) ? item.min : {})) if (!(k in req)) req[k] = v;
    }
  },
  validate,
  validateUpdate: (obj) => validate(obj),
};
