/** ServiceAccounts (ValidateServiceAccount): only metadata, which the store checks. */
import type { Strategy } from '../strategy';

/** The strategy of `serviceaccounts`: nothing beyond the store's metadata checks. */
export const serviceAccountStrategy: Strategy = {};
