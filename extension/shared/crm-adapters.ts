/**
 * The CRM adapters the extension uses, in one place: the background needs
 * their origins, the options page their names, the content script
 * `adapterFor`. Re-exported from extension/sites so that no other file of
 * the extension depends on how that folder is laid out.
 */
export { adapters, adapterFor } from '../sites/index.ts';
export type { SiteAdapter, FoundEntity } from '../sites/index.ts';
