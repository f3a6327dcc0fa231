/**
 * The csrsigning controller of kube-controller-manager (pkg/controller/certificates/signer,
 * v1.33) for the built-in signers: an approved CSR for `kubernetes.io/kube-apiserver-client`,
 * `kubernetes.io/kube-apiserver-client-kubelet` or `kubernetes.io/kubelet-serving` that passes
 * its signer's checks gets a certificate from the cluster CA in `status.certificate` (valid for
 * `expirationSeconds`, at most a year, backdated five minutes); one that fails them gets the
 * Failed condition. Signing is asynchronous (WebCrypto), so it runs after the approval is
 * stored, not inside a reconcile.
 */
import type { ClusterContext } from '../../apiserver/registry/context';
import type { KubeObject } from '../../apiserver/types';
import { timestamp } from '../../apiserver/registry/meta';
import { CA_ALGORITHM, x509Library, type ClusterCA } from '../../cluster/cluster-ca';
import { bytesOf } from '../../resources/certificatesigningrequest/request';

const CSRS = 'certificatesigningrequests.certificates.k8s.io';
/** --cluster-signing-duration's default. */
const MAX_DURATION_S = 365 * 86400;
const BACKDATE_MS = 5 * 60_000;

const has = (csr: KubeObject, type: string) => (csr.status?.conditions ?? []).some((c: any) => c?.type === type && c?.status === 'True');

/** Whether the signer would act on this CSR now. */
export function awaitsSignature(csr: KubeObject | undefined): csr is KubeObject {
  return !!csr && has(csr, 'Approved') && !has(csr, 'Denied') && !has(csr, 'Failed') && !csr.status?.certificate && SIGNERS.includes(csr.spec?.signerName);
}

const SIGNERS = ['kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving'];

/** The usage rules of each built-in signer (validAPIServerClientUsages and friends). */
function usageError(signer: string, usages: string[]): string | undefined {
  const serving = signer === 'kubernetes.io/kubelet-serving';
  const needed = serving ? 'server auth' : 'client auth';
  const kind = serving ? 'serving' : 'client';
  for (const u of usages) if (!['digital signature', 'key encipherment', needed].includes(u)) return `invalid usage for ${kind} certificate: ${u}`;
  return usages.includes(needed) ? undefined : `missing required usage for ${kind} certificate: ${needed}`;
}

/** The subject rules of the kubelet signers (isNodeClientCert / isNodeServingCert). */
function subjectError(signer: string, cn: string | undefined, orgs: string[]): string | undefined {
  if (signer === 'kubernetes.io/kube-apiserver-client') return undefined;
  if (orgs.length !== 1 || orgs[0] !== 'system:nodes') return 'subject organization is not system:nodes';
  if (!cn?.startsWith('system:node:')) return 'subject common name does not begin with system:node:';
  return undefined;
}

/** The CSR with a Failed condition (SignerValidationFailure). */
function failed(csr: KubeObject, message: string, now: string): KubeObject {
  const out = structuredClone(csr);
  out.status.conditions = [...(out.status.conditions ?? []), { type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message, lastUpdateTime: now, lastTransitionTime: now }];
  return out;
}

/** The CSR, signed or failed; undefined when nothing is to be done. */
async function signed(csr: KubeObject, ca: ClusterCA, now: Date): Promise<KubeObject | undefined> {
  const x509 = await x509Library();
  const stamp = timestamp(now);
  const signer: string = csr.spec.signerName;
  const pem = new TextDecoder().decode(bytesOf(csr.spec.request) ?? new Uint8Array());
  let request: InstanceType<typeof x509.Pkcs10CertificateRequest>;
  try {
    request = new x509.Pkcs10CertificateRequest(pem);
    if (!(await request.verify())) return failed(csr, 'x509: signature verification failure', stamp);
  } catch (e) {
    return failed(csr, `unable to parse csr: ${(e as Error).message}`, stamp);
  }
  const usages: string[] = csr.spec.usages ?? [];
  const name = new x509.Name(request.subject);
  const cn = name.getField('CN')[0];
  const why = usageError(signer, usages) ?? subjectError(signer, cn, name.getField('O'));
  if (why) return failed(csr, why, stamp);

  const authority = await ca.load();
  const seconds = Math.min(Math.max(Number(csr.spec.expirationSeconds ?? MAX_DURATION_S), 600), MAX_DURATION_S);
  const notBefore = new Date(Math.max(now.getTime() - BACKDATE_MS, authority.cert.notBefore.getTime()));
  const notAfter = new Date(Math.min(now.getTime() + seconds * 1000, authority.cert.notAfter.getTime()));
  let flags = 0;
  if (usages.includes('digital signature')) flags |= x509.KeyUsageFlags.digitalSignature;
  if (usages.includes('key encipherment')) flags |= x509.KeyUsageFlags.keyEncipherment;
  const eku = [...(usages.includes('client auth') ? [x509.ExtendedKeyUsage.clientAuth] : []), ...(usages.includes('server auth') ? [x509.ExtendedKeyUsage.serverAuth] : [])];
  const sans = request.getExtension('2.5.29.17'); // subjectAltName, passed through as requested
  const serial = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('').replace(/^[89a-f]/, '1');
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial,
    subject: request.subject,
    issuer: authority.cert.subject,
    notBefore,
    notAfter,
    publicKey: request.publicKey,
    signingKey: authority.key,
    signingAlgorithm: CA_ALGORITHM,
    extensions: [
      ...(flags ? [new x509.KeyUsagesExtension(flags, true)] : []),
      ...(eku.length ? [new x509.ExtendedKeyUsageExtension(eku)] : []),
      new x509.BasicConstraintsExtension(false, undefined, true),
      await x509.AuthorityKeyIdentifierExtension.create(authority.cert),
      ...(sans && signer === 'kubernetes.io/kubelet-serving' ? [sans] : []),
    ],
  });
  const out = structuredClone(csr);
  out.status.certificate = btoa(`${cert.toString('pem')}\n`);
  return out;
}

/**
 * Sign the CSR `name` if it awaits a signature; the result is committed only if the CSR has not
 * changed meanwhile (a later approval or deletion wins, as a conflict would make the controller retry).
 */
export async function signCertificateSigningRequest(ctx: ClusterContext, ca: ClusterCA, name: string): Promise<void> {
  const csr = ctx.store.get(CSRS, '', name);
  if (!awaitsSignature(csr)) return;
  const result = await signed(csr, ca, ctx.now());
  const current = ctx.store.get(CSRS, '', name);
  if (!result || current?.metadata.resourceVersion !== csr.metadata.resourceVersion) return;
  ctx.commit([{ op: 'put', resource: CSRS, object: result }]);
}
