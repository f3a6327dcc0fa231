/**
 * The `authorizer` variable of admission policy expressions (k8s.io/apiserver's CEL authz
 * library): `authorizer.group('apps').resource('deployments').namespace('ns').name('web')
 * .check('delete').allowed()`, `authorizer.path('/healthz').check('get')`,
 * `authorizer.serviceAccount('ns', 'sa')` to ask for another identity, and
 * `authorizer.requestResource` (the request's own resource, subresource, namespace and name).
 * A Decision answers allowed(), reason(), errored() and error(). Checks are asked of the
 * cluster's authorizer (system:masters, then RBAC), as the request's user.
 */
import type { Environment } from '@marcbachmann/cel-js';
import type { UserInfo } from '../../apiserver/registry/context';
import { serviceAccountUsername, type Decision as RbacDecision } from '../../rbac/authorizer';
import type { Attributes } from '../../rbac/rules';

/** Decides one access check (the cluster's authorizer, bound to its store). */
export type Authorize = (user: UserInfo, attrs: Attributes) => RbacDecision;

const NS = 'kubernetes.authorization';

export class Authorizer {
  constructor(readonly authorize: Authorize, readonly user: UserInfo, readonly requestResource?: ResourceCheck) {}
}

export class PathCheck {
  constructor(readonly authz: Authorizer, readonly path: string) {}
}

export class GroupCheck {
  constructor(readonly authz: Authorizer, readonly group: string) {}
}

export class ResourceCheck {
  constructor(
    readonly authz: Authorizer,
    readonly group: string,
    readonly resource: string,
    readonly subresource = '',
    readonly namespace = '',
    readonly name = '',
  ) {}

  with(part: Partial<Pick<ResourceCheck, 'subresource' | 'namespace' | 'name'>>): ResourceCheck {
    const p = { subresource: this.subresource, namespace: this.namespace, name: this.name, ...part };
    return new ResourceCheck(this.authz, this.group, this.resource, p.subresource, p.namespace, p.name);
  }
}

export class Decision {
  constructor(readonly decision: RbacDecision) {}
}

/** Declare the authorizer's types and functions on `e`. */
export function registerAuthorizerLibrary(e: Environment): Environment {
  e.registerType(`${NS}.Authorizer`, Authorizer)
    .registerType(`${NS}.PathCheck`, PathCheck)
    .registerType(`${NS}.GroupCheck`, GroupCheck)
    .registerType(`${NS}.ResourceCheck`, ResourceCheck)
    .registerType(`${NS}.Decision`, Decision);
  const fn = (sig: string, impl: (...args: any[]) => unknown) => e.registerFunction(sig, impl as never);
  fn(`${NS}.Authorizer.path(string): ${NS}.PathCheck`, (a: Authorizer, path: string) => new PathCheck(a, path));
  fn(`${NS}.Authorizer.group(string): ${NS}.GroupCheck`, (a: Authorizer, group: string) => new GroupCheck(a, group));
  fn(`${NS}.Authorizer.serviceAccount(string, string): ${NS}.Authorizer`, (a: Authorizer, ns: string, name: string) =>
    new Authorizer(a.authorize, { username: serviceAccountUsername(ns, name), groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'] }));
  fn(`${NS}.GroupCheck.resource(string): ${NS}.ResourceCheck`, (g: GroupCheck, resource: string) => new ResourceCheck(g.authz, g.group, resource));
  fn(`${NS}.ResourceCheck.subresource(string): ${NS}.ResourceCheck`, (r: ResourceCheck, subresource: string) => r.with({ subresource }));
  fn(`${NS}.ResourceCheck.namespace(string): ${NS}.ResourceCheck`, (r: ResourceCheck, namespace: string) => r.with({ namespace }));
  fn(`${NS}.ResourceCheck.name(string): ${NS}.ResourceCheck`, (r: ResourceCheck, name: string) => r.with({ name }));
  fn(`${NS}.ResourceCheck.check(string): ${NS}.Decision`, (r: ResourceCheck, verb: string) =>
    new Decision(r.authz.authorize(r.authz.user, {
      verb,
      resourceRequest: true,
      apiGroup: r.group,
      resource: r.resource,
      ...(r.subresource ? { subresource: r.subresource } : {}),
      ...(r.namespace ? { namespace: r.namespace } : {}),
      ...(r.name ? { name: r.name } : {}),
    })));
  fn(`${NS}.PathCheck.check(string): ${NS}.Decision`, (p: PathCheck, verb: string) =>
    new Decision(p.authz.authorize(p.authz.user, { verb: verb.toLowerCase(), resourceRequest: false, path: p.path })));
  fn(`${NS}.Decision.allowed(): bool`, (d: Decision) => d.decision.allowed);
  fn(`${NS}.Decision.reason(): string`, (d: Decision) => d.decision.reason);
  fn(`${NS}.Decision.errored(): bool`, (d: Decision) => !!d.decision.evaluationError);
  fn(`${NS}.Decision.error(): string`, (d: Decision) => d.decision.evaluationError ?? '');
  return e;
}
