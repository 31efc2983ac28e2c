/** See bundle-freshness.js. */
export function bundleIsFresh(dist: URL, root: URL): boolean;
