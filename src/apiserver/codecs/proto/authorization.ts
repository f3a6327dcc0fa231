/**
 * Wire tables for authorization.k8s.io/v1 access reviews.
 * Field numbers and types are transcribed from the protobuf struct tags of the upstream Go types
 * (k8s.io/api, k8s.io/apimachinery); see ./schema.ts for the notation.
 */
import type { MessageTable } from './schema.js';

/** authorization.k8s.io/v1 access reviews. */
export const authorization: MessageTable = {
  'authorization.SelfSubjectAccessReview': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'authorization.SelfSubjectAccessReviewSpec'],
    status: [3, 'authorization.SubjectAccessReviewStatus', 'o'],
  },
  'authorization.SelfSubjectAccessReviewSpec': {
    resourceAttributes: [1, 'authorization.ResourceAttributes', 'po'],
    nonResourceAttributes: [2, 'authorization.NonResourceAttributes', 'po'],
  },
  'authorization.ResourceAttributes': {
    namespace: [1, 'string', 'o'], verb: [2, 'string', 'o'], group: [3, 'string', 'o'], version: [4, 'string', 'o'],
    resource: [5, 'string', 'o'], subresource: [6, 'string', 'o'], name: [7, 'string', 'o'],
    fieldSelector: [8, 'authorization.FieldSelectorAttributes', 'po'],
    labelSelector: [9, 'authorization.LabelSelectorAttributes', 'po'],
  },
  'authorization.FieldSelectorAttributes': {
    rawSelector: [1, 'string', 'o'], requirements: [2, 'meta.FieldSelectorRequirement', 'ro'],
  },
  'authorization.LabelSelectorAttributes': {
    rawSelector: [1, 'string', 'o'], requirements: [2, 'meta.LabelSelectorRequirement', 'ro'],
  },
  'authorization.NonResourceAttributes': { path: [1, 'string', 'o'], verb: [2, 'string', 'o'] },
  'authorization.SubjectAccessReviewStatus': {
    allowed: [1, 'bool'], denied: [4, 'bool', 'o'], reason: [2, 'string', 'o'], evaluationError: [3, 'string', 'o'],
  },
  'authorization.SelfSubjectRulesReview': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'authorization.SelfSubjectRulesReviewSpec'],
    status: [3, 'authorization.SubjectRulesReviewStatus', 'o'],
  },
  'authorization.SelfSubjectRulesReviewSpec': { namespace: [1, 'string', 'o'] },
  'authorization.SubjectRulesReviewStatus': {
    resourceRules: [1, 'authorization.ResourceRule', 'r'],
    nonResourceRules: [2, 'authorization.NonResourceRule', 'r'], incomplete: [3, 'bool'],
    evaluationError: [4, 'string', 'o'],
  },
  'authorization.ResourceRule': {
    verbs: [1, 'string', 'r'], apiGroups: [2, 'string', 'ro'], resources: [3, 'string', 'ro'],
    resourceNames: [4, 'string', 'ro'],
  },
  'authorization.NonResourceRule': { verbs: [1, 'string', 'r'], nonResourceURLs: [2, 'string', 'ro'] },
  'authorization.SubjectAccessReview': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'authorization.SubjectAccessReviewSpec'],
    status: [3, 'authorization.SubjectAccessReviewStatus', 'o'],
  },
  'authorization.SubjectAccessReviewSpec': {
    resourceAttributes: [1, 'authorization.ResourceAttributes', 'po'],
    nonResourceAttributes: [2, 'authorization.NonResourceAttributes', 'po'], user: [3, 'string', 'o'],
    groups: [4, 'string', 'ro'], extra: [5, 'map:string:list:string', 'o'], uid: [6, 'string', 'o'],
  },
  'authorization.LocalSubjectAccessReview': {
    metadata: [1, 'meta.ObjectMeta', 'o'], spec: [2, 'authorization.SubjectAccessReviewSpec'],
    status: [3, 'authorization.SubjectAccessReviewStatus', 'o'],
  },
};
