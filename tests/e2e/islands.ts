/**
 * Islands hydrate when they are needed: `client:visible` ones when they scroll into view. A
 * journey that uses one scrolls to it first and waits until Astro has hydrated it (the `ssr`
 * attribute goes), as a visitor's browser would.
 */
import { expect, type Locator } from '@playwright/test';

export async function hydrateIsland(island: Locator): Promise<void> {
  // An astro-island is `display: contents`: scroll to what it shows.
  await island.locator(':scope > *').first().scrollIntoViewIfNeeded();
  await expect(island).not.toHaveAttribute('ssr', /.*/);
}

/**
 * The fair page's plain scripts (registration window, availability table, floor plan) start
 * when their part scrolls into view, like a `client:visible` island: scroll to it.
 */
export async function scrollToLive(part: Locator): Promise<void> {
  await part.scrollIntoViewIfNeeded();
}

/** The registration form's island on a fair page, scrolled to and hydrated. */
export async function hydrateRegistrationForm(page: { locator(selector: string): Locator }): Promise<void> {
  await hydrateIsland(page.locator('astro-island:has(form.registration-form)'));
}
