/**
 * Kept while older import paths are in flight: messaging lives in ./messaging.
 * New code imports from './messaging'.
 */
export * from './messaging';
