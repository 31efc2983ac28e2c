/**
 * Errors as Office.js reports them: `name` "RichApi.Error", a `code` from
 * Excel.ErrorCodes, and `debugInfo`.
 */
export class RichApiError extends Error {
  override readonly name = 'RichApi.Error';
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.debugInfo = { code, message, errorLocation };
  }
}

export const notLoaded = (prop: string) =>
  new RichApiError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );

export const invalidArgument = (message: string, location?: string) => new RichApiError('InvalidArgument', message, location);
