import { findResource, type ResourceDef } from '../resources/catalog';
import { createInternal } from '../apiserver/registry/create';
import { updateInternal } from '../apiserver/registry/update';
import type { ApiRequest } from '../apiserver/registry/context';
import type { KubeObject } from '../apiserver/types';
import type { ControllerContext } from './types';

/**
 * What controllers use instead of a client-go clientset: writes through the same registry
 * pipeline as API requests (defaults, validation, admission), as a controller's service account.
 */
function internalRequest(def: ResourceDef, namespace: string, name: string, verb: string, user: string): ApiRequest {
  return {
    info: { isResourceRequest: true, path: '', verb, apiGroup: def.group, apiVersion: def.versions[0], namespace, resource: def.resource, subresource: '', name, parts: [] },
    def,
    query: new URLSearchParams(),
    headers: new Headers({ 'user-agent': `${binaryOf(user)}/v1.33.1 (linux/amd64) kubernetes/8adc0f0/${user}` }),
    body: new Uint8Array(),
    user: { username: `system:serviceaccount:kube-system:${user}`, groups: ['system:serviceaccounts', 'system:authenticated'] },
    base: '',
  };
}

/** The program a component runs in, whose name becomes its field manager (as upstream). */
function binaryOf(user: string): string {
  if (user === 'kubelet' || user.startsWith('kubelet')) return 'kubelet';
  if (user.includes('scheduler')) return 'kube-scheduler';
  return 'kube-controller-manager';
}

function defOf(group: string, resource: string): ResourceDef {
  const def = findResource(group, group === '' ? 'v1' : group === 'autoscaling' ? 'v2' : 'v1', resource);
  if (!def) throw new Error(`no resource ${resource}.${group}`);
  return def;
}

/**
 * Create an object; undefined when the registry refuses it, after handing the refusal (a
 * StatusError, whose message is kube-apiserver's) to `onError` or, without one, to the log.
 */
export function createAs(ctx: ControllerContext, user: string, group: string, resource: string, obj: KubeObject, onError?: (e: Error) => void): KubeObject | undefined {
  try {
    return createInternal(ctx, internalRequest(defOf(group, resource), obj.metadata.namespace ?? '', '', 'create', user), obj);
  } catch (e) {
    if (onError) onError(e as Error);
    else console.error(`${user}: creating ${resource} failed:`, (e as Error).message);
    return undefined;
  }
}

/** Update an object (it carries its resourceVersion); undefined when refused or conflicting. */
export function updateAs(ctx: ControllerContext, user: string, group: string, resource: string, obj: KubeObject): KubeObject | undefined {
  try {
    return updateInternal(ctx, internalRequest(defOf(group, resource), obj.metadata.namespace ?? '', obj.metadata.name!, 'update', user), obj);
  } catch (e) {
    console.error(`${user}: updating ${resource} ${obj.metadata.name} failed:`, (e as Error).message);
    return undefined;
  }
}
