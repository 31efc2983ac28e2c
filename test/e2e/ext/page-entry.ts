/**
 * Bundled into a page by run-in-page.ts for DOM unit tests in real Chromium:
 * exposes the modules under test on `window.cv`.
 */
import { createBadge, BADGE_ATTR } from '../../../extension/content/badge.ts';
import { badgeLayer } from '../../../extension/content/badge-layer.ts';
import { badgeSpot } from '../../../extension/content/badge-spot.ts';
import { frameThrottle } from '../../../extension/content/frame-throttle.ts';
import { watchLocation } from '../../../extension/content/watch-location.ts';
import { CustomerStore } from '../../../extension/store/customer-store.ts';

const cv = { createBadge, BADGE_ATTR, badgeLayer, badgeSpot, frameThrottle, watchLocation, CustomerStore };
(globalThis as unknown as { cv: typeof cv }).cv = cv;
export type PageModules = typeof cv;
