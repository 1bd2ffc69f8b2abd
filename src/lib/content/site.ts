import { getEntry } from 'astro:content';

/** The site settings (content/settings/site.yaml): agency details and the demo notice switch. */
export async function getSiteSettings() {
  const entry = await getEntry('settings', 'site');
  if (!entry) throw new Error('Thiếu tệp content/settings/site.yaml');
  return entry.data;
}
