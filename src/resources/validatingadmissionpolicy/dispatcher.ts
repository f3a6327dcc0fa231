/**
 * The ValidatingAdmissionPolicy admission plugin (k8s.io/apiserver's policy/validating
 * dispatcher.go): every policy whose matchConstraints select the request is evaluated once per
 * binding that selects it too (`spec.policyName`, `matchResources`) and per param the binding's
 * paramRef finds; each failed validation takes the binding's validationActions — Deny refuses
 * the request with `ValidatingAdmissionPolicy 'p' with binding 'b' denied request: <message>`
 * (reason Invalid, 422, unless the validation names another), Warn adds
 * `Validation failed for ValidatingAdmissionPolicy 'p' with binding 'b': <message>` as a
 * warning, Audit adds the `validation.policy.admission.k8s.io/validation_failure` audit
 * annotation. A policy or binding that cannot be used (unknown paramKind, missing params with
 * parameterNotFoundAction Deny, a bad selector) refuses under failurePolicy Fail.
 * Policies and bindings themselves (and webhook configurations) are never subject to policies.
 */
import type { ClusterContext } from '../../apiserver/registry/context';
import type { KubeObject } from '../../apiserver/types';
import { qualifiedResource, StatusError, type Status } from '../../apiserver/status';
import { convertOut } from '../../apiserver/registry/convert';
import { toCel } from '../../apiserver/schema/structural/cel-values';
import { labelSelectorFromObject, matches } from '../../apiserver/selectors/labels';
import { authorize } from '../../rbac/authorizer';
import { storeSource } from '../../rbac/source';
import { defaultPolicy } from '../../rbac/aggregation';
import { storageKey } from '../catalog';
import { resourcesOf } from '../resolver';
import { admissionRequest, refusedName, type AdmissionAttributes } from './attributes';
import { Authorizer, ResourceCheck } from './authorizer';
import { matchesRequest, type MatchResources } from './matching';
import { validate, type PolicyDecision, type PolicySpec } from './validator';

export const POLICIES_KEY = 'validatingadmissionpolicies.admissionregistration.k8s.io';
export const BINDINGS_KEY = 'validatingadmissionpolicybindings.admissionregistration.k8s.io';

/** The admission configuration kinds no policy applies to (rules.IsExemptAdmissionConfigurationResource). */
const EXEMPT = new Set(['validatingwebhookconfigurations', 'mutatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings']);

/** What the policies add to an admitted request. */
export interface PolicyOutcome {
  warnings: string[];
  /** Audit annotations (key → value). */
  annotations: Record<string, string>;
}

interface BindingSpec {
  policyName?: string;
  paramRef?: { name?: string; namespace?: string; selector?: unknown; parameterNotFoundAction?: 'Allow' | 'Deny' };
  matchResources?: MatchResources;
  validationActions?: ('Deny' | 'Warn' | 'Audit')[];
}

interface Denial {
  policy: string;
  binding?: string;
  decision: PolicyDecision;
}

/** reasonToCode: the HTTP code of a denial's reason. */
function reasonToCode(reason: string): number {
  return ({ Forbidden: 403, Unauthorized: 401, RequestEntityTooLarge: 413 } as Record<string, number>)[reason] ?? 422;
}

const byName = (a: { obj: KubeObject }, b: { obj: KubeObject }) => (a.obj.metadata.name! < b.obj.metadata.name! ? -1 : 1);

/**
 * Run every policy on the request `a`; throws the Status of the first denial, else answers the
 * warnings and audit annotations to add. Costs one list of the bindings when there is none.
 */
export function admitByPolicies(ctx: ClusterContext, a: AdmissionAttributes): PolicyOutcome {
  const outcome: PolicyOutcome = { warnings: [], annotations: {} };
  const bindings = ctx.store.list(BINDINGS_KEY);
  if (!bindings.length) return outcome;
  if (a.resource.group === 'admissionregistration.k8s.io' && EXEMPT.has(a.resource.resource)) return outcome;
  const denials: Denial[] = [];
  const nsLabels = (name: string) => {
    const ns = ctx.store.get('namespaces', '', name);
    return ns ? ns.metadata.labels ?? {} : undefined;
  };
  const configError = (spec: PolicySpec, policy: string, binding: string | undefined, message: string) => {
    if (spec.failurePolicy === 'Ignore') return;
    denials.push({ policy, binding, decision: { action: 'deny', errored: true, message: binding ? `failed to configure binding: ${message}` : `failed to configure policy: ${message}` } });
  };
  const source = storeSource(ctx.store, defaultPolicy);
  const authz = new Authorizer((user, attrs) => authorize(source, user, attrs), a.user);
  const requestResource = new ResourceCheck(authz, a.resource.group, a.resource.resource, a.subresource, a.namespace, a.name);
  const authorizer = new Authorizer(authz.authorize, a.user, requestResource);
  let namespaceObject: unknown;
  const namespaceOf = () => (namespaceObject ??= namespaceForCel(ctx, a));

  for (const { obj: policy } of [...ctx.store.list(POLICIES_KEY)].sort(byName)) {
    const spec: PolicySpec = policy.spec ?? {};
    const name = policy.metadata.name!;
    if (!spec.matchConstraints) continue;
    const matched = matchesRequest(spec.matchConstraints, a, nsLabels);
    if (!matched.matches) continue;
    const own = bindings.filter((b) => b.obj.spec?.policyName === name).sort(byName);
    if (!own.length) continue;
    const paramDef = spec.paramKind ? paramDefOf(ctx, spec.paramKind) : undefined;
    if (spec.paramKind && !paramDef) {
      configError(spec, name, undefined, `failed to find resource referenced by paramKind: '${gvkString(spec.paramKind)}'`);
      continue;
    }
    const collector = new Map<string, string[]>();
    const base = {
      object: celObject(a.object),
      oldObject: celObject(a.oldObject),
      request: toCel(undefined, admissionRequest(a, matched.resource, matched.kind)),
      authorizer,
    };
    for (const { obj: binding } of own) {
      const bspec: BindingSpec = binding.spec ?? {};
      const bname = binding.metadata.name!;
      if (bspec.matchResources) {
        const bm = matchesRequest(bspec.matchResources, a, nsLabels);
        if (!bm.matches) {
          if (bm.error) configError(spec, name, bname, bm.error);
          continue;
        }
      }
      const params = collectParams(ctx, spec, paramDef, bspec, a.namespace);
      if (typeof params === 'string') {
        configError(spec, name, bname, params);
        continue;
      }
      for (const param of params) {
        const result = validate(spec, { ...base, params: param === null ? null : toCel(undefined, param), namespaceObject: namespaceOf() });
        result.decisions.forEach((d, i) => {
          if (d.action !== 'deny') return;
          for (const action of bspec.validationActions ?? []) {
            if (action === 'Deny') denials.push({ policy: name, binding: bname, decision: d });
            else if (action === 'Warn') outcome.warnings.push(`Validation failed for ValidatingAdmissionPolicy '${name}' with binding '${bname}': ${d.message}`);
            else if (action === 'Audit') {
              // The first failure keeps the key (attributes.AddAnnotation refuses a second value).
              outcome.annotations['validation.policy.admission.k8s.io/validation_failure'] ??= JSON.stringify([
                { message: d.message, policy: name, binding: bname, expressionIndex: i, validationActions: bspec.validationActions },
              ]);
            }
          }
        });
        for (const ann of result.auditAnnotations) {
          if (ann.action === 'publish') {
            const values = collector.get(ann.key) ?? [];
            const v = ann.value!.slice(0, 10 * 1024);
            if (!values.includes(v)) values.push(v);
            collector.set(ann.key, values);
          } else if (ann.action === 'error') {
            denials.push({ policy: name, binding: bname, decision: { action: 'deny', errored: true, message: ann.error } });
          }
        }
      }
    }
    for (const [key, values] of collector) outcome.annotations[`${name}/${key}`] = values.join(', ');
  }

  if (denials.length) throw denialStatus(a, denials[0]);
  return outcome;
}

/** The Status of a denial: admission.NewForbidden's message, with the decision's reason and code. */
function denialStatus(a: AdmissionAttributes, d: Denial): StatusError {
  const message = d.binding
    ? `ValidatingAdmissionPolicy '${d.policy}' with binding '${d.binding}' denied request: ${d.decision.message}`
    : `ValidatingAdmissionPolicy '${d.policy}' denied request: ${d.decision.message}`;
  const reason = d.decision.reason || 'Invalid';
  const name = refusedName(a);
  const gr = { group: a.resource.group, resource: a.resource.resource };
  const status: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `${qualifiedResource(gr)} "${name}" is forbidden: ${message}`,
    reason,
    details: { name, ...(gr.group ? { group: gr.group } : {}), kind: gr.resource, causes: [{ message }] },
    code: reasonToCode(reason),
  };
  return new StatusError(status);
}

/** schema.GroupVersionKind's String(): `apps/v1, Kind=Deployment`, `/v1, Kind=ConfigMap`. */
function gvkString(pk: { apiVersion?: string; kind?: string }): string {
  const [group, version] = (pk.apiVersion ?? '').includes('/') ? pk.apiVersion!.split('/') : ['', pk.apiVersion ?? ''];
  return `${group}/${version}, Kind=${pk.kind ?? ''}`;
}

function splitApiVersion(apiVersion = ''): [string, string] {
  const i = apiVersion.indexOf('/');
  return i < 0 ? ['', apiVersion] : [apiVersion.slice(0, i), apiVersion.slice(i + 1)];
}

function paramDefOf(ctx: ClusterContext, pk: { apiVersion?: string; kind?: string }) {
  const [group, version] = splitApiVersion(pk.apiVersion);
  const def = resourcesOf(ctx.store).findKind(group, version, pk.kind ?? '');
  return def ? { def, version } : undefined;
}

/** generic.CollectParams: the params a binding refers to ([null] when the policy takes none), or a configuration error. */
function collectParams(ctx: ClusterContext, spec: PolicySpec, paramDef: ReturnType<typeof paramDefOf>, b: BindingSpec, requestNamespace: string): (KubeObject | null)[] | string {
  const ref = b.paramRef;
  if (!spec.paramKind || !paramDef || !ref) return [null];
  const { def, version } = paramDef;
  let namespace = '';
  if (def.namespaced) {
    namespace = ref.namespace || requestNamespace;
    if (!namespace) return 'cannot use namespaced paramRef in policy binding that matches cluster-scoped resources';
  } else if (ref.namespace) {
    return 'paramRef.namespace must not be provided for a cluster-scoped `paramKind`';
  }
  const key = storageKey(def);
  let found: KubeObject[];
  if (ref.name) {
    if (ref.selector) return 'paramRef.name and paramRef.selector are mutually exclusive';
    const p = ctx.store.get(key, namespace, ref.name);
    found = p ? [p] : [];
  } else if (ref.selector) {
    let selector;
    try {
      selector = labelSelectorFromObject(ref.selector as never);
    } catch (e) {
      return (e as Error).message;
    }
    found = ctx.store.list(key, def.namespaced ? namespace : undefined).map((e) => e.obj).filter((o) => matches(selector, o.metadata.labels));
  } else {
    return 'one of name or selector must be provided';
  }
  if (!found.length && ref.parameterNotFoundAction === 'Deny') return 'no params found for policy binding with `Deny` parameterNotFoundAction';
  const apiVersion = spec.paramKind.apiVersion;
  return found.map((p) => ({ ...convertOut(def, version, p), apiVersion, kind: spec.paramKind!.kind }));
}

function celObject(o: KubeObject | null): unknown {
  return o ? toCel(undefined, o) : null;
}

/** `namespaceObject`: the request's Namespace with the fields CreateNamespaceObject keeps; null for cluster-scoped requests. */
function namespaceForCel(ctx: ClusterContext, a: AdmissionAttributes): unknown {
  const isNamespace = a.kind.group === '' && a.kind.kind === 'Namespace' && a.kind.version === 'v1';
  if (!a.namespace || isNamespace) return null;
  const ns = ctx.store.get('namespaces', '', a.namespace);
  if (!ns) return null;
  const keep = ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'finalizers'];
  const metadata = Object.fromEntries(keep.filter((k) => (ns.metadata as Record<string, unknown>)[k] !== undefined).map((k) => [k, (ns.metadata as Record<string, unknown>)[k]]));
  return toCel(undefined, { metadata, spec: ns.spec ?? {}, status: ns.status ?? {} });
}
