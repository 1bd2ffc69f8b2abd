/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in user (set by src/middleware.ts), or null. */
    user: import('./lib/server/auth/session').SessionUser | null;
    session: import('./lib/server/auth/session').Session | null;
  }
}
