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
export { requireOpenWindow, getAvailability, planBooths } from './availability';
export { countsForFair } from './capacity';
export { publicAnswer, registerBooths, registerBoothsQueued, registerJob } from './holding';
export { expireOffers } from './waitlist';
export { lookupRegistration, getRegistrationByToken, getManagedRegistration, updateContact, cancelRegistration, answerOffer, answerOfferByCode, resendManageLink, reduceBooths, updateProducts, RESENDS_PER_DAY } from './self-service';
export { listRegistrations, actOnRegistration, actOnBooth, approveMany, autoAssignBooths, type BoothCommand } from './review';
export { assignedCodes, assignmentsOf, boothStates, boothsOf, nearestFree, type BoothState } from './booths';
export { supportForFair, supportLines, type SupportLine } from './support';
export { onRegistrationMessageSent, offersWaitingByChannel, startOfferClock } from './waitlist';
export { registrationHistory } from './history';
export { hashToken, manageUrl, shortManageUrl } from './tokens';
export { REGISTRATION_MESSAGES, MANAGE_DONE, LOOKUP_DONE, smsBody, notify } from './messages';
export { registrationsCsv, registrationsXlsx } from './csv';
export { LOOKUP_LIMIT, LOOKUP_WINDOW_MS, checkLookupRate, checkRegistrationRate, resetRegistrationRate } from './rate-limit';
export { STATUS_LABELS, canOrganiser, canCancel, type OrganiserAction, type TypeCounts } from './rules';
export * from './forms';
export * from './pages';
