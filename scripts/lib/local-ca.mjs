// The local certificate authority and the token signing key of the dev server, generated once
// into a git-ignored folder (kubectl sends tokens only over TLS, so the dev server speaks https).
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

x509.cryptoProvider.set(webcrypto);
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

function pem(label, der) {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').trim();
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

async function makeCA() {
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const now = new Date();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=kubeplay-ca',
    notBefore: new Date(now.getTime() - 3600_000),
    notAfter: new Date(now.getTime() + 10 * 365 * 86400_000),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { keys, cert };
}

async function makeServerCert(ca) {
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const now = new Date();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: 'CN=kube-apiserver',
    issuer: ca.cert.subject,
    notBefore: new Date(now.getTime() - 3600_000),
    notAfter: new Date(now.getTime() + 825 * 86400_000),
    signingKey: ca.keys.privateKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
        { type: 'dns', value: '*.apps.localhost' },
        { type: 'dns', value: 'kubernetes.default.svc' },
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certPem: cert.toString('pem') + '\n', keyPem: pem('PRIVATE KEY', pkcs8) };
}

/**
 * Ensure `dir` holds ca.crt, server.crt, server.key and signing-key.json (an ES256 JWK with a
 * kid). Existing files are kept, so kubeconfigs stay valid across restarts. Returns the paths
 * and contents.
 */
export async function ensureLocalSecrets(dir) {
  mkdirSync(dir, { recursive: true });
  const paths = {
    caCert: join(dir, 'ca.crt'),
    serverCert: join(dir, 'server.crt'),
    serverKey: join(dir, 'server.key'),
    signingKey: join(dir, 'signing-key.json'),
  };
  if (!existsSync(paths.caCert) || !existsSync(paths.serverKey) || !existsSync(paths.serverCert)) {
    const ca = await makeCA();
    const server = await makeServerCert(ca);
    writeFileSync(paths.caCert, ca.cert.toString('pem') + '\n');
    writeFileSync(paths.serverCert, server.certPem);
    writeFileSync(paths.serverKey, server.keyPem, { mode: 0o600 });
  }
  if (!existsSync(paths.signingKey)) {
    const { privateKey } = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const jwk = await webcrypto.subtle.exportKey('jwk', privateKey);
    jwk.kid = `k-${Date.now().toString(36)}`;
    jwk.alg = 'ES256';
    jwk.use = 'sig';
    writeFileSync(paths.signingKey, JSON.stringify(jwk), { mode: 0o600 });
  }
  const signingJwk = JSON.parse(readFileSync(paths.signingKey, 'utf8'));
  const { d: _d, key_ops: _ops, ext: _ext, ...publicJwk } = signingJwk;
  return {
    paths,
    caPem: readFileSync(paths.caCert, 'utf8'),
    signingJwk,
    jwks: JSON.stringify({ keys: [publicJwk] }),
  };
}
