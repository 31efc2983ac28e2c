/**
 * The core's one error type. Policy (see STYLE.md): core functions throw a
 * CvError that names the function and the reason; readers collect row errors
 * instead of throwing; products turn both into what their users see.
 *
 * `kind` lets a product choose its presentation without parsing messages:
 * Excel shows `value` as #VALUE!, `num` as #NUM!, `missing` as #N/A.
 */
export type CvErrorKind = 'value' | 'num' | 'missing' | 'convergence' | 'data';

export class CvError extends Error {
  override readonly name = 'CvError';
  constructor(
    readonly fn: string,
    readonly kind: CvErrorKind,
    reason: string,
  ) {
    super(`${fn}: ${reason}`);
  }
  /** The reason without the function-name prefix, for cell tooltips. */
  get reason(): string {
    return this.message.slice(this.fn.length + 2);
  }
}
