/**
 * The Fluent UI Web Components the pane uses (Fluent 2, @fluentui/web-components):
 * registered once, and typed for preact's JSX. Buttons, the progress bar
 * and message bars come from Fluent so the pane looks like Office's own
 * panes; selects, text fields and the check box stay native elements styled
 * with Fluent's tokens (taskpane.css), because they keep the browser's
 * keyboard and screen-reader behaviour in every Office webview.
 */
import { Button, ButtonDefinition, MessageBar, MessageBarDefinition, ProgressBar, ProgressBarDefinition, setTheme } from '@fluentui/web-components';
import type { JSX } from 'preact';

let registered = false;

/** Defines the custom elements (idempotent). */
export function registerFluent(): void {
  if (registered) return;
  registered = true;
  Button.define(ButtonDefinition);
  ProgressBar.define(ProgressBarDefinition);
  MessageBar.define(MessageBarDefinition);
}

/** Applies Fluent theme tokens as CSS custom properties on the document. */
export function applyTokens(tokens: Record<string, string | number>): void {
  setTheme(tokens);
}

type Props = JSX.HTMLAttributes<HTMLElement> & { [attr: string]: unknown };

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'fluent-button': Props & { appearance?: 'primary' | 'secondary' | 'subtle' | 'outline' | 'transparent'; size?: 'small' | 'medium' | 'large'; disabled?: boolean };
      'fluent-progress-bar': Props & { value?: number; max?: number; thickness?: 'medium' | 'large' };
      'fluent-message-bar': Props & { intent?: 'success' | 'warning' | 'error' | 'info'; layout?: 'multiline' | 'singleline' };
    }
  }
}
