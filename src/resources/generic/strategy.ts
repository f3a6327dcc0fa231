/**
 * The strategy of the kinds kubeplay stores without behaviour of their own (webhook
 * configurations, admission policies, flow control, CSI objects, APIServices): generation 1 on
 * create and a bump when the spec changes; kinds with a status subresource start with an empty
 * status, as their upstream PrepareForCreate does.
 */
import type { Strategy } from '../strategy';
import { prepareCreate, prepareUpdate } from '../podspec/lifecycle';

/** A strategy that only keeps metadata.generation (and, with `status`, resets status on create). */
export function storedStrategy(opts: { status?: boolean } = {}): Strategy {
  return {
    prepareForCreate(obj) {
      if (opts.status) prepareCreate(obj, { generation: true });
      else obj.metadata.generation = 1;
    },
    prepareForUpdate(obj, old) {
      if (opts.status) prepareUpdate(obj, old, { generation: true });
    },
  };
}

/**
 * APIServices: a local one (no service) is Available at once, as kube-aggregator's availability
 * controller marks it; one backed by a Service starts without conditions.
 */
export const apiServiceStrategy: Strategy = {
  prepareForCreate(obj) {
    prepareCreate(obj, { generation: true });
    if (obj.spec?.service) return;
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    obj.status = { conditions: [{ type: 'Available', status: 'True', lastTransitionTime: now, reason: 'Local', message: 'Local APIServices are always available' }] };
  },
  prepareForUpdate: (obj, old) => prepareUpdate(obj, old, { generation: true }),
};
