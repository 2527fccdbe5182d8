/** The import profiles, by name. Each lives in its own folder with the same small files. */
import { genericProfile } from './generic/profile.ts';
import type { Profile } from './types.ts';

export const PROFILES: Readonly<Record<string, Profile>> = {
  generic: genericProfile,
};

export const PROFILE_NAMES: readonly string[] = Object.keys(PROFILES);
