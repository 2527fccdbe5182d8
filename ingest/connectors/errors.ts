/**
 * The ways a sync fails, each with the one sentence the operator reads. Messages name the
 * source, the vendor and the URL or environment variable at fault — never a secret: tokens live
 * only in request headers, which no message and no log line ever includes.
 */

/** The vendor refused the credentials (401, or a 403 that is not a rate limit). Never retried. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(source: string, vendor: string, status: number, envNames: readonly string[]) {
    const which = envNames.length > 0 ? ` in ${envNames.join(' / ')}` : ' (no credentials are configured: set auth.token_env)';
    super(`${source}: ${vendor} rejected the credentials${which} (HTTP ${status}); check that the token is valid and may read this data.`);
  }
}

/** The vendor answered with an error we can't retry, or kept failing after every retry. */
export class VendorError extends Error {
  override readonly name = 'VendorError';
  constructor(source: string, vendor: string, url: string, reason: string, options?: { cause?: unknown }) {
    super(`${source}: ${vendor} request to ${url} failed: ${reason}`, options);
  }
}

/**
 * A page that is not what the vendor's contract promises (not JSON, a missing list, an item of
 * the wrong shape). The run stops before the batch holding it is written.
 */
export class MalformedPageError extends Error {
  override readonly name = 'MalformedPageError';
  constructor(source: string, vendor: string, url: string, reason: string) {
    super(`${source}: ${vendor} returned a malformed page from ${url}: ${reason}`);
  }
}

/** One line of text from an error-ish value, for messages (never the stack). */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
