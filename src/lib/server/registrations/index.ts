/** The registrations module: one import for routes and pages. */
export * from './service';
export * from './errors';
export { registrationsCsv } from './csv';
export { LOOKUP_LIMIT, LOOKUP_WINDOW_MS, checkLookupRate, checkRegistrationRate, resetRegistrationRate } from './rate-limit';
export { STATUS_LABELS, canOrganiser, canCancel, type OrganiserAction, type TypeCounts } from './rules';
export * from './forms';
export * from './pages';
