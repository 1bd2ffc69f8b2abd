/**
 * What a build records about itself beside the server entry (`build-info.json`): the SITE_URL
 * its canonical links, JSON-LD, RSS, sitemap and calendar UIDs were written with. A server
 * started with another SITE_URL serves pages that point elsewhere; it says so at start. The file
 * is written by build-output.mjs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUILD_INFO_FILE } from './build-output.mjs';

export interface BuildInfo {
  siteUrl: string;
  builtAt: string;
}

export function readBuildInfo(serverDir: string): BuildInfo | null {
  try {
    const data = JSON.parse(readFileSync(path.join(serverDir, BUILD_INFO_FILE), 'utf8')) as Partial<BuildInfo>;
    return typeof data.siteUrl === 'string' ? { siteUrl: data.siteUrl, builtAt: data.builtAt ?? '' } : null;
  } catch {
    return null;
  }
}

/** Same origin and path, ignoring a trailing slash. */
function sameSite(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.origin === y.origin && x.pathname.replace(/\/+$/, '') === y.pathname.replace(/\/+$/, '');
  } catch {
    return a === b;
  }
}

/** The Vietnamese start-up warning when the server's SITE_URL is not the build's, else null. */
export function siteUrlWarning(serverDir: string, siteUrl: string): string | null {
  const info = readBuildInfo(serverDir);
  if (!info || sameSite(info.siteUrl, siteUrl)) return null;
  return (
    `Cảnh báo: bản dựng được tạo với SITE_URL=${info.siteUrl} nhưng máy chủ chạy với SITE_URL=${siteUrl}; ` +
    'liên kết chuẩn (canonical), JSON-LD, RSS, sitemap và lịch trong các trang tĩnh vẫn trỏ về địa chỉ cũ. ' +
    `Hãy dựng lại: SITE_URL=${siteUrl} npm run build.`
  );
}
