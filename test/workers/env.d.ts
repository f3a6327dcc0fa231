import type { Env } from '../../src/env';

declare module 'cloudflare:test' {
  interface ProvidedEnv extends Env {
    TEST_SIGNING_JWK: string;
  }
}
declare global {
  namespace Cloudflare {
    interface Env {
      CLUSTER: import('../../src/env').Env['CLUSTER'];
      FLOOR: import('../../src/env').Env['FLOOR'];
      CF_VERSION_METADATA?: WorkerVersionMetadata;
      TEST_SIGNING_JWK: string;
    }
  }
}
