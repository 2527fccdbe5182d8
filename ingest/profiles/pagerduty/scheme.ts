/**
 * PagerDuty's words for the canonical scheme, on top of ingest/scheme.ts' defaults (which
 * already know P1…P5). hindsight.yaml `severity:` / `status:` still override them.
 *
 * Urgency stands in for severity only when an incident has no priority: PagerDuty has two
 * urgencies, and "high" pages someone now while "low" waits, so high → SEV2 and low → SEV4 —
 * never SEV1, which is kept for incidents someone explicitly prioritised P1. Stated here, not
 * left to the defaults, so PagerDuty's meaning doesn't move if the defaults change.
 */
import type { Scheme } from '../../scheme.ts';

export const PAGERDUTY_SCHEME: Partial<Scheme> = {
  severity: { high: 2, low: 4 },
  status: { triggered: 'open', acknowledged: 'acknowledged', resolved: 'resolved' },
};
