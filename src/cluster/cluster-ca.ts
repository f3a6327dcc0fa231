/**
 * The cluster's own certificate authority (kubeadm's `ca.crt`/`ca.key`, CN=kubernetes), kept in
 * the Durable Object's SQLite database: made the first time the CSR signer needs it (a cluster
 * that signs nothing pays nothing), then `onCreate` publishes it: its certificate joins
 * kube-root-ca.crt, so what it signs verifies against the CA bundle every namespace holds.
 */
import type { X509Certificate } from '@peculiar/x509';

/** ECDSA P-256 with SHA-256: what WebCrypto signs with everywhere. */
export const CA_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
/** A kubeadm CA lives ten years. */
const CA_LIFETIME_MS = 10 * 365 * 86400_000;

/** The loaded CA: its certificate (PEM and parsed) and signing key. */
export interface LoadedCA {
  pem: string;
  cert: X509Certificate;
  key: CryptoKey;
}

/** The x509 library, loaded on first use (it is only needed to make or use the CA). */
export async function x509Library(): Promise<typeof import('@peculiar/x509')> {
  await import('reflect-metadata');
  const lib = await import('@peculiar/x509');
  lib.cryptoProvider.set(crypto);
  return lib;
}

const b64 = (buf: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(buf)));

/** The CA of one cluster, on its SQLite storage. */
export class ClusterCA {
  private loaded?: LoadedCA;
  constructor(private readonly sql: SqlStorage, private readonly onCreate?: (pem: string) => void) {}

  private init(): void {
    this.sql.exec('CREATE TABLE IF NOT EXISTS cluster_ca (id INTEGER PRIMARY KEY CHECK (id = 1), cert_pem TEXT NOT NULL, key_pkcs8 TEXT NOT NULL)');
  }

  /** The CA certificate in PEM, if the CA exists (synchronous: for kube-root-ca.crt). */
  pem(): string | undefined {
    this.init();
    return this.sql.exec<{ cert_pem: string }>('SELECT cert_pem FROM cluster_ca WHERE id = 1').toArray()[0]?.cert_pem;
  }

  /** Make the CA if the cluster has none; returns its certificate PEM. */
  async ensure(now = new Date()): Promise<string> {
    const have = this.pem();
    if (have) return have;
    const x509 = await x509Library();
    const keys = (await crypto.subtle.generateKey(CA_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
    const serial = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('').replace(/^[89a-f]/, '1');
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial,
      name: 'CN=kubernetes',
      notBefore: new Date(now.getTime() - 5 * 60_000),
      notAfter: new Date(now.getTime() + CA_LIFETIME_MS),
      keys,
      signingAlgorithm: CA_ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyCertSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    const pem = `${cert.toString('pem')}\n`;
    const pkcs8 = b64((await crypto.subtle.exportKey('pkcs8', keys.privateKey)) as ArrayBuffer);
    // Another request may have made one meanwhile: the first stored wins.
    const made = this.sql.exec('INSERT OR IGNORE INTO cluster_ca (id, cert_pem, key_pkcs8) VALUES (1, ?, ?)', pem, pkcs8).rowsWritten > 0;
    if (made) this.onCreate?.(pem);
    return this.pem()!;
  }

  /** The CA with its key, made if missing. */
  async load(): Promise<LoadedCA> {
    await this.ensure();
    const row = this.sql.exec<{ cert_pem: string; key_pkcs8: string }>('SELECT cert_pem, key_pkcs8 FROM cluster_ca WHERE id = 1').toArray()[0];
    if (this.loaded?.pem === row.cert_pem) return this.loaded;
    const x509 = await x509Library();
    const der = Uint8Array.from(atob(row.key_pkcs8), (c) => c.charCodeAt(0));
    const key = await crypto.subtle.importKey('pkcs8', der, CA_ALGORITHM, false, ['sign']);
    this.loaded = { pem: row.cert_pem, cert: new x509.X509Certificate(row.cert_pem), key };
    return this.loaded;
  }
}
