/**
 * An error the user caused (bad option, missing file): printed as one
 * sentence with no stack trace, exit code 2 — in Chinese when the command
 * line is (--lang zh or a Chinese locale) and the sentence has a Chinese
 * version.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** The sentence in Chinese; the English one is shown where it is missing. */
    readonly zh?: string,
  ) {
    super(message);
  }
}
