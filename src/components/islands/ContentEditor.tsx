/**
 * The content editor (Keystatic) on /keystatic, drawn in the browser into `#trinh-bien-tap`.
 * Not an Astro island: esbuild bundles this file with Keystatic and its own React into one
 * script, once per change of its inputs (src/lib/server/editor-bundle.mjs), which the editor
 * page loads; before it runs, `installSaveBase` makes its saves carry the versions they
 * replace (lib/cms/save-base.ts).
 *
 * Keystatic's list items have a remove button with an icon and no name (axe: button-name);
 * it is named here, in Vietnamese, as it appears.
 */
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import type { Config } from '@keystatic/core';
import { Keystatic } from '@keystatic/core/ui';
import config from '../../lib/cms/config';
import { installSaveBase } from '../../lib/cms/save-base';

/** The element the editor page leaves for the editor. */
export const EDITOR_ROOT_ID = 'trinh-bien-tap';

installSaveBase();

function nameIconButtons(root: ParentNode): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button.kui\\:ListViewItem-actions:not([aria-label])')) {
    if (!button.textContent.trim()) button.setAttribute('aria-label', 'Xóa mục này khỏi danh sách');
  }
}

export default function ContentEditor() {
  useEffect(() => {
    nameIconButtons(document);
    const observer = new MutationObserver(() => nameIconButtons(document));
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  // Keystatic's Config type does not allow for exactOptionalPropertyTypes; the value is its own.
  return <Keystatic config={config as unknown as Config} />;
}

const root = document.getElementById(EDITOR_ROOT_ID);
if (root) createRoot(root).render(<ContentEditor />);
