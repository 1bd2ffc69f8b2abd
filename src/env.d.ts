/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in user (set by src/middleware.ts), or null. */
    user: import('./lib/server/auth/session').SessionUser | null;
    session: import('./lib/server/auth/session').Session | null;
  }
}

/** The URL of the content editor's script (astro.config.mjs, lib/server/editor-bundle.mjs). */
declare module 'virtual:content-editor' {
  const src: string;
  export default src;
}
