import 'reflect-metadata';
import { describe, it, expect, beforeAll } from 'vitest';
import { X509Certificate, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { kubectl } from './kubectl';

/**
 * CertificateSigningRequests with the real kubectl: created, approved with `kubectl certificate
 * approve`, signed by the cluster CA (the certificate parsed and verified against the CA that
 * kube-root-ca.crt publishes), denied, failed by the signer's checks, refused when malformed.
 */
x509.cryptoProvider.set(webcrypto as Crypto);
const k = (...args: string[]) => kubectl(args, { minor: 33 });
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

async function csrPem(subject: string): Promise<string> {
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: subject, keys: keys as CryptoKeyPair, signingAlgorithm: ALG });
  return csr.toString('pem');
}

const manifest = (name: string, pem: string, usages: string[], signer = 'kubernetes.io/kube-apiserver-client') => `apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata: {name: ${name}}
spec:
  request: ${Buffer.from(pem).toString('base64')}
  signerName: ${signer}
  expirationSeconds: 86400
  usages: [${usages.map((u) => JSON.stringify(u)).join(', ')}]
`;
const create = (yaml: string) => kubectl(['create', '-f', '-'], { minor: 33, input: yaml });

describe('certificate signing requests', () => {
  beforeAll(() => {
    k('delete', 'csr', 'e2e-jane', 'e2e-server', 'e2e-denied', '--ignore-not-found');
  });

  it('signs an approved kube-apiserver-client CSR with the cluster CA', async () => {
    expect(create(manifest('e2e-jane', await csrPem('CN=jane,O=developers'), ['client auth'])).stdout).toMatch(/^certificatesigningrequest.certificates.k8s.io\/e2e-jane created$/m);
    expect(k('get', 'csr', 'e2e-jane').stdout).toMatch(/^e2e-jane +\S+ +kubernetes.io\/kube-apiserver-client +\S+ +24h +Pending$/m);
    expect(k('certificate', 'approve', 'e2e-jane').stdout).toMatch(/^certificatesigningrequest.certificates.k8s.io\/e2e-jane approved$/m);
    await expect.poll(() => k('get', 'csr', 'e2e-jane').stdout, { timeout: 20_000 }).toMatch(/^e2e-jane +\S+ +kubernetes.io\/kube-apiserver-client +\S+ +24h +Approved,Issued$/m);
    expect(k('get', 'csr', 'e2e-jane', '-o', 'jsonpath={.status.conditions[0].type} {.status.conditions[0].reason}').stdout).toBe('Approved KubectlApprove');

    const cert = new X509Certificate(Buffer.from(k('get', 'csr', 'e2e-jane', '-o', 'jsonpath={.status.certificate}').stdout, 'base64'));
    expect(cert.subject.split('\n')).toEqual(['CN=jane', 'O=developers']);
    expect(cert.issuer).toBe('CN=kubernetes');
    expect(cert.ca).toBe(false);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']); // extended key usage: client auth
    const lifetime = Date.parse(cert.validTo) - Date.parse(cert.validFrom);
    expect(lifetime).toBeGreaterThanOrEqual(86400_000);
    expect(lifetime).toBeLessThanOrEqual(86400_000 + 5 * 60_000 + 1000);
    // The cluster CA is in the bundle every namespace carries, and it issued the certificate.
    const bundle = k('get', 'configmap', 'kube-root-ca.crt', '-n', 'default', '-o', 'jsonpath={.data.ca\\.crt}').stdout;
    const cas = bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!.map((p) => new X509Certificate(p));
    const clusterCA = cas.find((c) => c.subject === 'CN=kubernetes')!;
    expect(clusterCA.ca).toBe(true);
    expect(cert.checkIssued(clusterCA)).toBe(true);
    expect(cert.verify(clusterCA.publicKey)).toBe(true);
  });

  it("fails a CSR whose usages the signer refuses, and shows a denied one as Denied", async () => {
    expect(create(manifest('e2e-server', await csrPem('CN=web'), ['server auth'])).code).toBe(0);
    expect(k('certificate', 'approve', 'e2e-server').code).toBe(0);
    await expect.poll(() => k('get', 'csr', 'e2e-server').stdout, { timeout: 20_000 }).toMatch(/ Approved,Failed$/m);
    expect(k('get', 'csr', 'e2e-server', '-o', 'jsonpath={.status.conditions[1].reason}: {.status.conditions[1].message}').stdout).toBe('SignerValidationFailure: invalid usage for client certificate: server auth');

    expect(create(manifest('e2e-denied', await csrPem('CN=mallory'), ['client auth'])).code).toBe(0);
    expect(k('certificate', 'deny', 'e2e-denied').stdout).toMatch(/^certificatesigningrequest.certificates.k8s.io\/e2e-denied denied$/m);
    expect(k('get', 'csr', 'e2e-denied').stdout).toMatch(/ Denied$/m);
    expect(k('get', 'csr', 'e2e-denied', '-o', 'jsonpath={.status.certificate}').stdout).toBe('');
    const again = k('certificate', 'approve', 'e2e-denied');
    expect(again.stderr).toMatch(/certificate signing request "e2e-denied" is already Denied/);
  });

  it('refuses a request that is not a PEM certificate request', () => {
    const r = create(manifest('e2e-bad', 'hello\n', ['client auth']));
    expect(r.stderr).toMatch(/The CertificateSigningRequest "e2e-bad" is invalid: spec.request: Invalid value: \[\]byte\{0x68, 0x65, 0x6c, 0x6c, 0x6f, 0xa\}: PEM block type must be CERTIFICATE REQUEST/);
    const pem = '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n';
    expect(create(manifest('e2e-bad', pem, ['client auth'])).stderr).toMatch(/spec.request: Invalid value: \[\]byte\{.*\}: asn1: syntax error: data truncated/);
    const noUsage = create(manifest('e2e-bad', pem, []).replace('usages: []', 'usages: []\n  signerName: kubernetes'));
    expect(noUsage.code).not.toBe(0);
  });
});
