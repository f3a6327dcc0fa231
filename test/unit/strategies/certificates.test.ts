import { describe, it, expect } from 'vitest';
import { created, createErrors } from './helpers';
import { csrApprovalStrategy, csrStatusStrategy } from '../../../src/resources/certificatesigningrequest/strategy';
import { recordRequestor } from '../../../src/resources/certificatesigningrequest/admission';
import { errorText } from '../../../src/apiserver/field-errors';
import type { KubeObject } from '../../../src/apiserver/types';

const CSR = 'certificatesigningrequests.certificates.k8s.io';
// A P-256 CSR for CN=jane (made with openssl; only its structure matters here).
const PEM = `-----BEGIN CERTIFICATE REQUEST-----
MIHJMHECAQAwDzENMAsGA1UEAwwEamFuZTBZMBMGByqGSM49AgEGCCqGSM49AwEH
A0IABF0Txz7u1X2iGzXbVq3m1v2Qm5hV3m1u5h8dNw3ZyDp3H3gC1d9A6m9pY1hO
7Qh3cZk2W7qv1q3pC2bOQ3yJb2SgADAKBggqhkjOPQQDAgNIADBFAiEA4m0QZ5sR
8o3n2q1m0xQ3q7u2b1A5c4t3e2f1g0h9i8ICIFq3m2n1o0p9q8r7s6t5u4v3w2x1
y0z9A8B7C6D5E4F3
-----END CERTIFICATE REQUEST-----
`;
const csr = (spec: Record<string, unknown>, status?: Record<string, unknown>) => ({
  apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'jane' },
  spec: { request: btoa(PEM), signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], ...spec }, ...(status ? { status } : {}),
});

describe('certificatesigningrequest', () => {
  it('starts without status, whatever the body says', () => {
    expect(created(CSR, csr({}, { conditions: [{ type: 'Approved', status: 'True' }] })).status).toEqual({});
    expect(createErrors(CSR, csr({}))).toEqual([]);
  });

  it('refuses a request that is not a PEM CSR, a missing signer, unknown usages and short durations', () => {
    expect(createErrors(CSR, csr({ request: btoa('hi') }))).toEqual(['spec.request: Invalid value: []byte{0x68, 0x69}: PEM block type must be CERTIFICATE REQUEST']);
    expect(createErrors(CSR, csr({ signerName: undefined, usages: [] }))).toEqual(['spec.signerName: Required value', 'spec.usages: Required value: usages must be provided']);
    expect(createErrors(CSR, csr({ usages: ['client auth', 'flying'] }))[0]).toMatch(/^spec.usages\[1\]: Unsupported value: "flying": supported values: "signing", "digital signature"/);
    expect(createErrors(CSR, csr({ expirationSeconds: 60 }))).toEqual(['spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 600 seconds (10 minutes)']);
  });

  it('records the requesting user, not the one the body names', () => {
    const o = created(CSR, csr({ username: 'admin', groups: ['system:masters'] }));
    recordRequestor(o, { username: 'student:alice', uid: 'u1', groups: ['system:authenticated'] });
    expect([o.spec.username, o.spec.uid, o.spec.groups]).toEqual(['student:alice', 'u1', ['system:authenticated']]);
  });

  const approved = { conditions: [{ type: 'Approved', status: 'True', reason: 'KubectlApprove', lastUpdateTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:00Z' }] };
  const apply = (s: typeof csrStatusStrategy, next: any, old: any) => {
    const o = structuredClone(next) as KubeObject;
    s.prepareForUpdate!(o, old);
    return { obj: o, errors: (s.validateUpdate?.(o, old) ?? []).map(errorText) };
  };

  it('takes only conditions through approval, which must be True and not both Approved and Denied', () => {
    const old = created(CSR, csr({})) as KubeObject;
    const ok = apply(csrApprovalStrategy, { ...csr({ signerName: 'other.io/x' }), status: { ...approved, certificate: 'Zm9v' } }, old);
    expect([ok.errors, ok.obj.spec.signerName, ok.obj.status.certificate]).toEqual([[], 'kubernetes.io/kube-apiserver-client', undefined]);
    expect(ok.obj.status.conditions[0].type).toBe('Approved');
    expect(apply(csrApprovalStrategy, { ...csr({}), status: { conditions: [{ type: 'Approved', status: 'False' }] } }, old).errors).toEqual([
      'status.conditions[0].status: Unsupported value: "False": supported values: "True"',
    ]);
    const both = apply(csrApprovalStrategy, { ...csr({}), status: { conditions: [{ type: 'Approved', status: 'True' }, { type: 'Denied', status: 'True' }] } }, old);
    expect(both.errors).toEqual(['status.conditions[1].type: Invalid value: "Denied": Approved and Denied conditions are mutually exclusive']);
    const wasApproved = { ...old, status: structuredClone(approved) } as KubeObject;
    expect(apply(csrApprovalStrategy, { ...csr({}), status: { conditions: [] } }, wasApproved).errors).toEqual(['status.conditions: Forbidden: updates may not remove a condition of type "Approved"']);
  });

  it('keeps the approval conditions out of reach of the status subresource', () => {
    const old = { ...created(CSR, csr({})), status: structuredClone(approved) } as KubeObject;
    const r = apply(csrStatusStrategy, { ...csr({}), status: { certificate: 'Zm9v', conditions: [{ type: 'Denied', status: 'True' }] } }, old);
    expect(r.obj.status.certificate).toBe('Zm9v');
    expect(r.obj.status.conditions.map((c: any) => c.type)).toEqual(['Approved']);
  });
});
