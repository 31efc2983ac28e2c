/**
 * An error the user caused (bad option, missing file): printed as one
 * sentence with no stack trace, exit code 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
