import { formatMessage, type Message } from './i18n/messages.ts';

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
  /**
   * The reason as a code with parameters, for errors a user meets (a column
   * not found, a fit that cannot converge): a product says it in the user's
   * language with formatMessage. Absent for programming errors, which stay English.
   */
  readonly problem?: Message;
  constructor(
    readonly fn: string,
    readonly kind: CvErrorKind,
    reason: string | Message,
  ) {
    super(`${fn}: ${typeof reason === 'string' ? reason : formatMessage(reason, 'en')}`);
    if (typeof reason !== 'string') this.problem = reason;
  }
  /** The reason without the function-name prefix, for cell tooltips. */
  get reason(): string {
    return this.message.slice(this.fn.length + 2);
  }
}
