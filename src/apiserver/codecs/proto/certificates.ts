/**
 * Wire tables for certificates.k8s.io/v1: CertificateSigningRequest.
 * Field numbers and types are transcribed from the protobuf struct tags of the upstream Go types
 * (k8s.io/api, k8s.io/apimachinery); see ./schema.ts for the notation.
 */
import type { MessageTable } from './schema.js';

/** certificates.k8s.io/v1: CertificateSigningRequest. */
export const certificates: MessageTable = {
  'certificates.CertificateSigningRequest': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'certificates.CertificateSigningRequestSpec'],
    status: [3, 'certificates.CertificateSigningRequestStatus', 'o'],
  },
  'certificates.CertificateSigningRequestSpec': {
    request: [1, 'bytes'], signerName: [7, 'string'], expirationSeconds: [8, 'int32', 'po'],
    usages: [5, 'string', 'ro'], username: [2, 'string', 'o'], uid: [3, 'string', 'o'], groups: [4, 'string', 'ro'],
    extra: [6, 'map:string:list:string', 'o'],
  },
  'certificates.CertificateSigningRequestStatus': {
    conditions: [1, 'certificates.CertificateSigningRequestCondition', 'ro'], certificate: [2, 'bytes', 'o'],
  },
  'certificates.CertificateSigningRequestCondition': {
    type: [1, 'string'], status: [6, 'string'], reason: [2, 'string', 'o'], message: [3, 'string', 'o'],
    lastUpdateTime: [4, 'Time', 'o'], lastTransitionTime: [5, 'Time', 'o'],
  },
};
