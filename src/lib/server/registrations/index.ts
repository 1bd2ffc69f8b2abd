/**
 * The registrations module: one import for routes and pages. The files, one job each:
 * types · rules (pure) · capacity (what is held, who waits) · holding (new registrations,
 * idempotency, the queue) · waitlist (offers and their expiry) · self-service (lookup, the
 * management link) · review (the organiser's actions) · messages (every text sent or answered)
 * · history · tokens · availability (window and counts) · csv · forms · pages (no-JS forms).
 * fairs.ts and page-data.ts read content and are imported by pages directly.
 */
export type * from './types';
export * from './errors';
export { requireOpenWindow, getAvailability } from './availability';
export { countsForFair } from './capacity';
export { registerBooths, registerBoothsQueued, registerJob } from './holding';
export { expireOffers } from './waitlist';
export { lookupRegistration, getRegistrationByToken, getManagedRegistration, updateContact, cancelRegistration, answerOffer } from './self-service';
export { listRegistrations, actOnRegistration } from './review';
export { registrationHistory } from './history';
export { hashToken, manageUrl } from './tokens';
export { REGISTRATION_MESSAGES, MANAGE_DONE } from './messages';
export { registrationsCsv } from './csv';
export { LOOKUP_LIMIT, LOOKUP_WINDOW_MS, checkLookupRate, checkRegistrationRate, resetRegistrationRate } from './rate-limit';
export { STATUS_LABELS, canOrganiser, canCancel, type OrganiserAction, type TypeCounts } from './rules';
export * from './forms';
export * from './pages';
