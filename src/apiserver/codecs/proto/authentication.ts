/**
 * Wire tables for authentication.k8s.io/v1: TokenRequest, TokenReview, SelfSubjectReview.
 * Field numbers and types are transcribed from the protobuf struct tags of the upstream Go types
 * (k8s.io/api, k8s.io/apimachinery); see ./schema.ts for the notation.
 */
import type { MessageTable } from './schema.js';

/** authentication.k8s.io/v1: TokenRequest, TokenReview, SelfSubjectReview. */
export const authentication: MessageTable = {
  'authentication.TokenRequest': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'authentication.TokenRequestSpec'],
    status: [3, 'authentication.TokenRequestStatus', 'o'],
  },
  'authentication.TokenRequestSpec': {
    audiences: [1, 'string', 'r'], expirationSeconds: [4, 'int64', 'p'],
    boundObjectRef: [3, 'authentication.BoundObjectReference', 'p'], attestations: [5, 'map:string:list:string', 'o'],
  },
  'authentication.BoundObjectReference': {
    kind: [1, 'string', 'o'], apiVersion: [2, 'string', 'o'], name: [3, 'string', 'o'], uid: [4, 'string', 'o'],
  },
  'authentication.TokenRequestStatus': { token: [1, 'string'], expirationTimestamp: [2, 'Time'] },
  'authentication.SelfSubjectReview': {
    metadata: [1, 'meta.ObjectMeta', 'o'], status: [2, 'authentication.SelfSubjectReviewStatus', 'o'],
  },
  'authentication.SelfSubjectReviewStatus': { userInfo: [1, 'authentication.UserInfo', 'o'] },
  'authentication.UserInfo': {
    username: [1, 'string', 'o'], uid: [2, 'string', 'o'], groups: [3, 'string', 'ro'],
    extra: [4, 'map:string:list:string', 'o'],
  },
  'authentication.TokenReview': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'authentication.TokenReviewSpec'],
    status: [3, 'authentication.TokenReviewStatus', 'o'],
  },
  'authentication.TokenReviewSpec': { token: [1, 'string', 'o'], audiences: [2, 'string', 'ro'] },
  'authentication.TokenReviewStatus': {
    authenticated: [1, 'bool', 'o'], user: [2, 'authentication.UserInfo', 'o'], audiences: [4, 'string', 'ro'],
    error: [3, 'string', 'o'],
  },
};
