/**
 * InputError marks a problem with what a user gave us (a file, a flag, a query parameter), as
 * opposed to a fault in Hindsight. The CLI turns it into exit code 2 and the HTTP API into a
 * 400; its message is one sentence that names the file, line, field or setting at fault.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}
