/**
 * GitHub's words for the canonical scheme. An issue is `open` or `closed`; a closed issue's
 * `state_reason` says whether it was done (`completed`) or dropped (`not_planned`, which the
 * profile stages as the status and which means canceled: no resolution to measure).
 */
import type { Scheme } from '../../scheme.ts';

export const GITHUB_SCHEME: Partial<Scheme> = {
  status: { open: 'open', closed: 'closed', not_planned: 'canceled' },
};
