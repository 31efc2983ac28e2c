/**
 * The object Excel's custom-functions runtime passes as the last argument of
 * every call, typed for the functions that use it. Written here rather than
 * taken from @types/custom-functions-runtime, which declares a global
 * `CustomFunctions` namespace for the whole program; the functions reach the
 * runtime's globals through their own narrow types (excel-error.ts,
 * register.ts). Import it as `import type * as CustomFunctions from
 * './invocation.ts'`: custom-functions-metadata recognises a cancelable
 * function by the last parameter's type written as the text
 * `CustomFunctions.CancelableInvocation` (custom-functions-metadata 2.2,
 * lib/parseTree.js, hasCancelableInvocationParameter), leaves that parameter
 * out of functions.json and sets `"options": { "cancelable": true }`.
 *
 * Shapes from Microsoft's reference, "CustomFunctions.Invocation interface"
 * and "CustomFunctions.CancelableInvocation interface" (CustomFunctionsRuntime
 * 1.1), and the runtime itself (@microsoft/office-js 1.1.110,
 * dist/custom-functions-runtime.debug.js: InvocationContext, pushed after the
 * declared parameters of every call; its onCanceled is called when Excel
 * sends a cancellation for a call whose function is declared cancelable).
 */

/** Information about one call of a custom function. */
export interface Invocation {
  /** The function's id ("SEGMENT"). */
  readonly functionName?: string;
  /** The calling cell's address, only with `"requiresAddress": true`. */
  readonly address?: string;
  /** The arguments' range addresses, only with `"requiresParameterAddresses": true`. */
  readonly parameterAddresses?: string[];
  /** True when Excel calls the function to preview a formula's value while it is typed. */
  readonly isInValuePreview?: boolean;
}

/**
 * A call of a function declared cancelable. Excel cancels it when the user
 * edits or deletes the calling cell, when an argument changes before the
 * result is in, or when the user recalculates by hand; Excel then no longer
 * wants the result.
 */
export interface CancelableInvocation extends Invocation {
  /** Set by the function; the runtime calls it when Excel cancels the call. */
  onCanceled?: () => void;
}
