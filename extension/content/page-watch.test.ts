// frameThrottle and watchLocation in real Chromium (see test/e2e/ext/run-in-page.ts).
import { describe, expect, it } from 'vitest';
import { useTestPage } from '../../test/e2e/ext/run-in-page.ts';
import type { PageModules } from '../../test/e2e/ext/page-entry.ts';

declare global {
  interface Window {
    cv: PageModules;
  }
}

const page = useTestPage();

describe('frameThrottle', () => {
  it('runs once for a burst of 1,000 DOM mutations, and never after abort', async () => {
    const out = await page.evaluate(async () => {
      const controller = new AbortController();
      let runs = 0;
      const trigger = window.cv.frameThrottle(() => runs++, controller.signal, 50);
      const observer = new MutationObserver(trigger);
      observer.observe(document.body, { childList: true, subtree: true });
      for (let i = 0; i < 1000; i++) document.body.append(document.createElement('i'));
      await new Promise((r) => setTimeout(r, 400));
      const afterBurst = runs;
      controller.abort();
      observer.disconnect();
      trigger();
      await new Promise((r) => setTimeout(r, 400));
      return { afterBurst, afterAbort: runs };
    });
    expect(out.afterBurst).toBe(1);
    expect(out.afterAbort).toBe(1);
  });

  it('after a quiet spell runs in the very next frame, before that frame is laid out', async () => {
    const out = await page.evaluate(async () => {
      const controller = new AbortController();
      const order: string[] = [];
      const trigger = window.cv.frameThrottle(() => order.push('scan'), controller.signal, 50);
      trigger();
      // Asked for after the trigger: runs after the throttle's callback when both are in the same frame.
      await new Promise<void>((r) => requestAnimationFrame(() => (order.push('frame'), r())));
      // A second change right away waits out the interval instead.
      trigger();
      await new Promise<void>((r) => requestAnimationFrame(() => (order.push('frame'), r())));
      await new Promise((r) => setTimeout(r, 200));
      controller.abort();
      return order;
    });
    expect(out).toEqual(['scan', 'frame', 'frame', 'scan']);
  });
});

describe('watchLocation', () => {
  it('reports the page’s own pushState, replaceState and back navigations, and stops on abort', async () => {
    const seen = await page.evaluate(async () => {
      const controller = new AbortController();
      const urls: string[] = [];
      window.cv.watchLocation(controller.signal, (href) => urls.push(new URL(href).pathname));
      const tick = () => new Promise((r) => setTimeout(r, 50));
      history.pushState({}, '', '/a');
      await tick();
      history.replaceState({}, '', '/b');
      await tick();
      history.back();
      await new Promise((r) => setTimeout(r, 300));
      controller.abort();
      history.pushState({}, '', '/after-abort');
      await tick();
      return urls;
    });
    expect(seen).toEqual(['/a', '/b', '/']);
  });
});
