/**
 * Wraps `fn` so that any number of `trigger()` calls run it at most once per
 * `minInterval` ms, at the next animation frame — or after `fallbackMs` when
 * frames are not coming (a background tab). Cancelled for good by `signal`.
 *
 * This is how the content script reacts to page mutations without a
 * body-wide observer doing work on every DOM change.
 *
 * @example
 * const rescan = frameThrottle(scan, controller.signal);
 * new MutationObserver(rescan).observe(document.body, { childList: true, subtree: true });
 */
export function frameThrottle(fn: () => void, signal: AbortSignal, minInterval = 100, fallbackMs = 300): () => void {
  let pending = false;
  let last = -Infinity;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (!pending || signal.aborted) return;
    pending = false;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    last = performance.now();
    fn();
  };
  signal.addEventListener('abort', () => {
    pending = false;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  });
  return () => {
    if (pending || signal.aborted) return;
    pending = true;
    const wait = Math.max(0, last + minInterval - performance.now());
    const atFrame = () => {
      frame = requestAnimationFrame(run);
      timer = setTimeout(run, fallbackMs);
    };
    // After a quiet spell, the very next frame: a list the page renders now
    // is scanned before that frame's layout, and badges whose scores are
    // known go in with it (one layout and paint, not two).
    if (wait === 0) atFrame();
    else timer = setTimeout(atFrame, wait);
  };
}
