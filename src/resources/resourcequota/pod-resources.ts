/**
 * The effective requests and limits of a pod (k8s.io/component-helpers/resource PodRequests and
 * PodLimits, spec only): containers add up; sidecar init containers (restartPolicy Always) add
 * to what runs beside them; every other init container runs alone, so the pod needs the larger
 * of it (plus the sidecars started before it) and the sum. Pod overhead is added on request.
 */
import type { KubeObject } from '../../apiserver/types';
import { addLists, maxQuantity, parseList, type ResourceList } from './resource-list';

type Which = 'requests' | 'limits';

function containerList(c: any, which: Which): ResourceList {
  return parseList(c?.resources?.[which]);
}

/** The larger of each key of both lists (maxResourceList). */
function maxLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? maxQuantity(out[k], v) : v;
  return out;
}

/** The aggregated `requests` or `limits` of a pod's containers; overhead when `withOverhead`. */
export function podResourceList(pod: KubeObject, which: Which, withOverhead = false): ResourceList {
  const spec = pod.spec ?? {};
  let sum: ResourceList = {};
  for (const c of Array.isArray(spec.containers) ? spec.containers : []) sum = addLists(sum, containerList(c, which));
  let sidecars: ResourceList = {};
  let initMax: ResourceList = {};
  for (const c of Array.isArray(spec.initContainers) ? spec.initContainers : []) {
    const own = containerList(c, which);
    if (c?.restartPolicy === 'Always') {
      sum = addLists(sum, own);
      sidecars = addLists(sidecars, own);
      initMax = maxLists(initMax, sidecars);
    } else {
      initMax = maxLists(initMax, addLists(own, sidecars));
    }
  }
  let out = maxLists(sum, initMax);
  if (withOverhead && spec.overhead) out = addLists(out, parseList(spec.overhead));
  return out;
}
