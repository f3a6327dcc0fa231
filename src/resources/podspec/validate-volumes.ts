/**
 * ValidateVolumes (pkg/apis/core/validation): names unique DNS labels, exactly one source per
 * volume, and the required members of the common sources.
 */
import { duplicate, forbidden, invalid, required, type FieldError } from '../../apiserver/field-errors';
import { arr, isObj } from './common';
import { volumeSourceKeys } from './defaults';
import { asInvalid, dns1123Label } from './names';

const FILE_MODE_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';

function fileMode(mode: unknown, path: string): FieldError[] {
  return typeof mode === 'number' && (mode < 0 || mode > 0o777) ? [invalid(path, mode, FILE_MODE_MSG)] : [];
}

function needs(src: Record<string, any>, fields: string[], path: string): FieldError[] {
  return fields.filter((f) => !src[f]).map((f) => required(`${path}.${f}`, ''));
}

function validateSource(kind: string, src: unknown, path: string): FieldError[] {
  if (!isObj(src)) return [];
  switch (kind) {
    case 'hostPath':
      return needs(src, ['path'], path);
    case 'secret':
      return [...needs(src, ['secretName'], path), ...fileMode(src.defaultMode, `${path}.defaultMode`)];
    case 'configMap':
      return [...needs(src, ['name'], path), ...fileMode(src.defaultMode, `${path}.defaultMode`)];
    case 'persistentVolumeClaim':
      return needs(src, ['claimName'], path);
    case 'nfs':
      return needs(src, ['server', 'path'], path);
    case 'downwardAPI':
    case 'projected':
      return fileMode(src.defaultMode, `${path}.defaultMode`);
    case 'csi':
      return needs(src, ['driver'], path);
    default:
      return [];
  }
}

/** Errors of `spec.volumes`, and the set of volume names for the containers' volumeMounts. */
export function validateVolumes(volumes: unknown, path: string): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(volumes).forEach((v: any, i) => {
    const ip = `${path}[${i}]`;
    if (!isObj(v)) return;
    const set = volumeSourceKeys.filter((k) => v[k] !== undefined && v[k] !== null);
    if (set.length === 0) errs.push(required(ip, 'must specify a volume type'));
    set.forEach((k, j) => {
      if (j > 0) errs.push(forbidden(`${ip}.${k}`, 'may not specify more than 1 volume type'));
      else errs.push(...validateSource(k, v[k], `${ip}.${k}`));
    });
    if (!v.name) errs.push(required(`${ip}.name`, ''));
    else errs.push(...asInvalid(`${ip}.name`, v.name, dns1123Label(v.name)));
    if (names.has(v.name)) errs.push(duplicate(`${ip}.name`, v.name));
    else if (v.name) names.add(v.name);
  });
  return { errs, names };
}
