/**
 * Credentials come from the environment variables a source names (`auth.user_env`,
 * `auth.token_env`), read when its sync starts. The values go into request headers only; every
 * message names the variable, never its value.
 */
import { InputError } from '../../queries/errors.ts';
import type { SourceConfig } from './config.ts';

export interface Credentials {
  user: string | null;
  token: string | null;
  /** The variable names, for messages ("check JIRA_TOKEN"). */
  envNames: string[];
}

export function readCredentials(source: SourceConfig, env: NodeJS.ProcessEnv = process.env): Credentials {
  // Every type's `auth` is this shape or absent (statuspage; github without a token).
  const auth = ('auth' in source ? source.auth : undefined) as { user_env?: string | undefined; token_env: string } | undefined;
  if (!auth) return { user: null, token: null, envNames: [] };
  const userEnv = auth.user_env;
  const names = [userEnv, auth.token_env].filter((name): name is string => typeof name === 'string');
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0) {
    const keys = missing.map((name) => (name === userEnv ? 'auth.user_env' : 'auth.token_env'));
    throw new InputError(
      `${source.name}: the environment variable${missing.length > 1 ? 's' : ''} ${missing.join(' and ')} (${keys.join(', ')}) ${missing.length > 1 ? 'are' : 'is'} not set; export ${missing.length > 1 ? 'them' : 'it'} before syncing.`,
    );
  }
  return { user: userEnv ? (env[userEnv] as string) : null, token: env[auth.token_env] as string, envNames: names };
}

/** Basic with a user (email + API token, user + password), else Bearer; null without a token. */
export function basicOrBearer(credentials: Credentials): Record<string, string> {
  if (credentials.token === null) return {};
  if (credentials.user !== null) {
    return { Authorization: `Basic ${Buffer.from(`${credentials.user}:${credentials.token}`).toString('base64')}` };
  }
  return { Authorization: `Bearer ${credentials.token}` };
}
