/**
 * The content editor (Keystatic) on /keystatic. Rendered only in the browser; before it runs,
 * `installSaveBase` makes its saves carry the versions they replace (lib/cms/save-base.ts).
 */
import type { Config } from '@keystatic/core';
import { Keystatic } from '@keystatic/core/ui';
import config from '../../lib/cms/config';
import { installSaveBase } from '../../lib/cms/save-base';

installSaveBase();

export default function ContentEditor() {
  // Keystatic's Config type does not allow for exactOptionalPropertyTypes; the value is its own.
  return <Keystatic config={config as unknown as Config} />;
}
