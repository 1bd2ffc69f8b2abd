import { getEntry } from 'astro:content';
import { once } from './once';

/**
 * The site settings (content/settings/site.yaml): agency details and the demo notice switch.
 * Read once per build (every page's layout, header and footer ask for them).
 */
export const getSiteSettings = once(async () => {
  const entry = await getEntry('settings', 'site');
  if (!entry) throw new Error('Thiếu tệp content/settings/site.yaml');
  return entry.data;
});
