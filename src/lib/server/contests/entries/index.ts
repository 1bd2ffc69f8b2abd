/**
 * Contest entries submitted online: one import for routes and pages. See README "Hồ sơ dự thi
 * trực tuyến" for the module's layout.
 */
export * from './errors';
export * from './state';
export * from './records';
export * from './intake';
export * from './manage';
export * from './screening';
export * from './access';
export * from './sweep';
export { notifyApplicant } from './messages';
export * from './dossier-view';
export * from './product-page';
