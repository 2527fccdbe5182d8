/**
 * Statuspage's words for the canonical scheme, on top of ingest/scheme.ts' defaults;
 * hindsight.yaml `severity:` / `status:` still override them.
 *
 * Impact is the page author's own four-step scale, so it maps one step per rank:
 * critical → SEV1, major → SEV2, minor → SEV3, none → SEV4. (The defaults read "minor" as
 * rank 4, as ticketing tools mean it; on a status page it is the third of four steps.)
 * "maintenance" is not a severity: the profile stages no severity for it and flags the record
 * `maintenance` instead (profile.ts).
 *
 * Statuses: investigating / identified → open, monitoring → acknowledged, resolved /
 * postmortem → resolved (defaults); scheduled maintenance's scheduled → open, in_progress /
 * verifying → acknowledged, completed → resolved.
 */
import type { Scheme } from '../../scheme.ts';

export const STATUSPAGE_SCHEME: Partial<Scheme> = {
  severity: { critical: 1, major: 2, minor: 3, none: 4 },
  status: {
    investigating: 'open', identified: 'open', monitoring: 'acknowledged', resolved: 'resolved', postmortem: 'resolved',
    scheduled: 'open', in_progress: 'acknowledged', verifying: 'acknowledged', completed: 'resolved',
  },
};

/** Statuses after which an incident is over; a later update back to any other is a reopening. */
export const FINISHED_STATUSES: readonly string[] = ['resolved', 'postmortem', 'completed'];
