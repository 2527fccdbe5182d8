/** The import profiles, by name. Each lives in its own folder with the same small files. */
import { genericProfile } from './generic/profile.ts';
import { githubProfile } from './github/profile.ts';
import { jiraProfile } from './jira/profile.ts';
import { pagerdutyProfile } from './pagerduty/profile.ts';
import { servicenowProfile } from './servicenow/profile.ts';
import { statuspageProfile } from './statuspage/profile.ts';
import type { Profile } from './types.ts';

export const PROFILES: Readonly<Record<string, Profile>> = {
  generic: genericProfile,
  jira: jiraProfile,
  servicenow: servicenowProfile,
  pagerduty: pagerdutyProfile,
  statuspage: statuspageProfile,
  github: githubProfile,
};

export const PROFILE_NAMES: readonly string[] = Object.keys(PROFILES);
