/**
 * The content editor (Keystatic) on /keystatic. Rendered only in the browser; before it runs,
 * `installSaveBase` makes its saves carry the versions they replace (lib/cms/save-base.ts).
 *
 * Keystatic's list items have a remove button with an icon and no name (axe: button-name);
 * it is named here, in Vietnamese, as it appears.
 */
import { useEffect } from 'react';
import type { Config } from '@keystatic/core';
import { Keystatic } from '@keystatic/core/ui';
import config from '../../lib/cms/config';
import { installSaveBase } from '../../lib/cms/save-base';

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
