/**
 * Bundled into a page by run-in-page.ts for DOM unit tests in real Chromium:
 * exposes the modules under test on `window.cv`.
 */
import { createBadge as createBadgeTrusting, badgeRoot, BADGE_ATTR, type BadgeOptions, type BadgeView } from '../../../extension/content/badge.ts';
import { badgeLayer } from '../../../extension/content/badge-layer.ts';
import { badgeSpot } from '../../../extension/content/badge-spot.ts';
import { frameThrottle } from '../../../extension/content/frame-throttle.ts';
import { watchLocation } from '../../../extension/content/watch-location.ts';
import { CustomerStore } from '../../../extension/store/customer-store.ts';
import { CompanyStore, storeCompaniesOf } from '../../../extension/store/company-store.ts';

// These tests click and press keys from script: let those events open cards
// (the trusted-events rule is tested against the built extension, e2e).
const createBadge = (id: string, view: BadgeView, options: BadgeOptions = {}) => createBadgeTrusting(id, view, { acceptScriptEvents: true, ...options });
const cv = { createBadge, badgeRoot, BADGE_ATTR, badgeLayer, badgeSpot, frameThrottle, watchLocation, CustomerStore, CompanyStore, storeCompaniesOf };
(globalThis as unknown as { cv: typeof cv }).cv = cv;
export type PageModules = typeof cv;
