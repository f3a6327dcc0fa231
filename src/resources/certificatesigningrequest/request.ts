/**
 * The checks kube-apiserver makes of a CSR's `spec.request` without parsing keys
 * (certificates.ParseCSR): a PEM block of type CERTIFICATE REQUEST whose DER is a PKCS#10
 * CertificationRequest (SEQUENCE of info, algorithm and signature). The signer parses it fully.
 */

/** The DER bytes of a PEM CERTIFICATE REQUEST, or the error upstream reports. */
export function csrDer(request: Uint8Array): { der: Uint8Array } | { error: string } {
  const text = new TextDecoder().decode(request);
  const m = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)\r?\n?-----END \1-----/.exec(text);
  if (!m || m[1] !== 'CERTIFICATE REQUEST') return { error: 'PEM block type must be CERTIFICATE REQUEST' };
  let der: Uint8Array;
  try {
    der = Uint8Array.from(atob(m[2].replace(/\s+/g, '')), (c) => c.charCodeAt(0));
  } catch {
    return { error: 'PEM block type must be CERTIFICATE REQUEST' };
  }
  const why = pkcs10StructureError(der);
  return why ? { error: why } : { der };
}

/** One DER TLV: its tag and where its value lies. */
function tlv(b: Uint8Array, at: number): { tag: number; start: number; end: number } | undefined {
  if (at + 2 > b.length) return undefined;
  const tag = b[at];
  let len = b[at + 1];
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > b.length) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[start + i];
    start += n;
  }
  return start + len > b.length ? undefined : { tag, start, end: start + len };
}

/** Go's encoding/asn1 wording for a DER that is not a CertificationRequest. */
function pkcs10StructureError(der: Uint8Array): string | undefined {
  const outer = tlv(der, 0);
  if (!outer) return 'asn1: syntax error: data truncated';
  if (outer.tag !== 0x30) return 'asn1: structure error: tags don\'t match';
  if (outer.end !== der.length) return 'x509: trailing data after X.509 certificate request';
  const info = tlv(der, outer.start);
  const alg = info && tlv(der, info.end);
  const sig = alg && tlv(der, alg.end);
  if (!info || !alg || !sig) return 'asn1: syntax error: data truncated';
  if (info.tag !== 0x30 || alg.tag !== 0x30 || sig.tag !== 0x03) return 'asn1: structure error: tags don\'t match';
  const version = tlv(der, info.start);
  if (!version || version.tag !== 0x02) return 'asn1: structure error: tags don\'t match';
  return undefined;
}

/** base64 (the JSON form of a []byte field) → bytes, or undefined if it is not base64. */
export function bytesOf(b64: unknown): Uint8Array | undefined {
  if (typeof b64 !== 'string') return undefined;
  try {
    return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Go's `%#v` of a []byte, as field errors print an invalid request: `[]byte{0x2d, 0x2d, …}`. */
export function goBytes(b: Uint8Array): string {
  return `[]byte{${Array.from(b, (x) => `0x${x.toString(16)}`).join(', ')}}`;
}
