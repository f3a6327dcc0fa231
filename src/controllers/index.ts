import type { Controller } from './types';
import { namespaceController } from './namespace/controller';
import { garbageCollector } from './garbage-collector/controller';

/** Every controller the cluster's alarm runs, in no particular order (each key is independent). */
export const controllers: Controller[] = [namespaceController, garbageCollector];
