/**
 * Progress on stderr, shown only once an operation has taken longer than a
 * second (short runs stay quiet), and only on a terminal or when forced.
 */
export interface Progress {
  update(label: string, fraction: number): void;
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, delayMs = 1000): Progress {
  const started = Date.now();
  let shown = false;
  let lastDraw = 0;
  const tty = Boolean(stream.isTTY);
  return {
    update(label, fraction) {
      const now = Date.now();
      if (now - started < delayMs || now - lastDraw < 200) return;
      lastDraw = now;
      shown = true;
      const pct = `${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)}%`;
      stream.write(tty ? `\r${label} ${pct}   ` : `${label} ${pct}\n`);
    },
    done() {
      if (shown && tty) stream.write('\r\x1b[K');
    },
  };
}
