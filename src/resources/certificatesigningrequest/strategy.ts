/**
 * CertificateSigningRequests (pkg/registry/certificates/certificates/strategy.go and
 * pkg/apis/certificates/validation, v1.33): a new CSR starts without status; its spec never
 * changes; the `status` subresource may not touch the Approved/Denied conditions and the
 * `approval` subresource may only touch them (Approved and Denied, True, mutually exclusive,
 * never removed). The requesting user is recorded by admission (admission.ts).
 */
import { GoValue, duplicate, forbidden, invalid, notSupported, required, type FieldError } from '../../apiserver/field-errors';
import type { KubeObject } from '../../apiserver/types';
import type { StatusStrategy, Strategy } from '../strategy';
import { arr, clone } from '../podspec/common';
import { bytesOf, csrDer, goBytes } from './request';

/** The key usages a CSR may ask for (certificates.KeyUsage). */
export const KEY_USAGES = [
  'signing', 'digital signature', 'content commitment', 'key encipherment', 'key agreement', 'data encipherment',
  'cert sign', 'crl sign', 'encipher only', 'decipher only', 'any', 'server auth', 'client auth', 'code signing',
  'email protection', 's/mime', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'timestamping', 'ocsp signing',
  'microsoft sgc', 'netscape sgc',
];
const APPROVAL = ['Approved', 'Denied'];
const SIGNER_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+)\/[-a-zA-Z0-9_.~%!$&'()*+,;=:@]+$/;

function validateSpec(csr: KubeObject): FieldError[] {
  const spec = csr.spec ?? {};
  const errs: FieldError[] = [];
  const request = bytesOf(spec.request);
  if (!spec.request || !request?.length) errs.push(required('spec.request', ''));
  else {
    const parsed = csrDer(request);
    if ('error' in parsed) errs.push(invalid('spec.request', new GoValue(goBytes(request)), parsed.error));
  }
  if (!spec.signerName) errs.push(required('spec.signerName', ''));
  else if (!SIGNER_NAME.test(spec.signerName)) errs.push(invalid('spec.signerName', spec.signerName, 'must be a fully qualified domain and path of the form \'example.com/signer-name\''));
  const usages = arr<string>(spec.usages);
  if (!usages.length) errs.push(required('spec.usages', 'usages must be provided'));
  usages.forEach((u, i) => {
    if (!KEY_USAGES.includes(u)) errs.push(notSupported(`spec.usages[${i}]`, u, KEY_USAGES));
    else if (usages.indexOf(u) !== i) errs.push(duplicate(`spec.usages[${i}]`, u));
  });
  if (spec.expirationSeconds !== undefined && spec.expirationSeconds < 600) {
    errs.push(invalid('spec.expirationSeconds', spec.expirationSeconds, 'may not specify a duration less than 600 seconds (10 minutes)'));
  }
  return errs;
}

/** Condition checks shared by status and approval: True approvals, no duplicates, not both. */
function validateConditions(csr: KubeObject, old?: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arr<any>(csr.status?.conditions).forEach((c, i) => {
    const p = `status.conditions[${i}]`;
    if (!c?.type) errs.push(required(`${p}.type`, ''));
    if (APPROVAL.includes(c?.type) && c?.status !== 'True') errs.push(notSupported(`${p}.status`, c?.status ?? '', ['True']));
    if (seen.has(c?.type)) errs.push(duplicate(`${p}.type`, c.type));
    seen.add(c?.type);
  });
  if (seen.has('Approved') && seen.has('Denied')) {
    const i = arr<any>(csr.status?.conditions).findIndex((c) => c?.type === 'Denied');
    errs.push(invalid(`status.conditions[${i}].type`, 'Denied', 'Approved and Denied conditions are mutually exclusive'));
  }
  for (const t of APPROVAL) {
    const had = arr<any>(old?.status?.conditions).some((c) => c?.type === t);
    if (had && !seen.has(t)) errs.push(forbidden('status.conditions', `updates may not remove a condition of type "${t}"`));
  }
  return errs;
}

/** populateConditionTimestamps: a condition without times gets now. */
function stampConditions(csr: KubeObject, now: string): void {
  for (const c of arr<any>(csr.status?.conditions)) {
    c.lastUpdateTime ??= now;
    c.lastTransitionTime ??= now;
  }
}

const nowStamp = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const isApproval = (c: any) => APPROVAL.includes(c?.type);

/** The strategy of `certificatesigningrequests.certificates.k8s.io`. */
export const certificateSigningRequestStrategy: Strategy = {
  prepareForCreate(csr) {
    csr.status = {};
    csr.metadata.generation = 1;
  },
  prepareForUpdate(csr, old) {
    csr.spec = clone(old.spec);
    csr.status = clone(old.status);
  },
  validate: validateSpec,
  validateUpdate: validateSpec,
};

/** A subresource write keeps the stored labels and annotations. */
function keepMeta(csr: KubeObject, old: KubeObject): void {
  for (const k of ['labels', 'annotations'] as const) {
    if (old.metadata[k] === undefined) delete csr.metadata[k];
    else csr.metadata[k] = clone(old.metadata[k]);
  }
}

/** The `status` subresource: everything but the approval conditions (the signer's side). */
export const csrStatusStrategy: StatusStrategy = {
  prepareForUpdate(csr, old) {
    keepMeta(csr, old);
    csr.spec = clone(old.spec);
    csr.status ??= {};
    const kept = arr<any>(old.status?.conditions).filter(isApproval);
    csr.status.conditions = [...arr<any>(csr.status.conditions).filter((c) => !isApproval(c)), ...clone(kept)];
    if (!csr.status.conditions.length) delete csr.status.conditions;
    stampConditions(csr, nowStamp());
  },
  validateUpdate: (csr, old) => validateConditions(csr, old),
};

/** The `approval` subresource: only the conditions (the approver's side); the certificate stays. */
export const csrApprovalStrategy: StatusStrategy = {
  prepareForUpdate(csr, old) {
    keepMeta(csr, old);
    csr.spec = clone(old.spec);
    csr.status ??= {};
    if (old.status?.certificate !== undefined) csr.status.certificate = old.status.certificate;
    else delete csr.status.certificate;
    stampConditions(csr, nowStamp());
  },
  validateUpdate: (csr, old) => validateConditions(csr, old),
};
