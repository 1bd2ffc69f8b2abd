// @ts-check
/**
 * The content editor's script, bundled by esbuild outside the site's Vite build and reused while
 * what it is made of is unchanged (astro.config.mjs, the `contentEditorBundle` integration).
 *
 * The editor (components/islands/ContentEditor.tsx: Keystatic, its configuration in lib/cms,
 * and React) is about 1,450 modules — react-aria, @keystar/ui, graphql, prosemirror, micromark —
 * that made most of the client build's time when it was an Astro island: rollup parsed,
 * tree-shook and chunked them at every build, and every publication is a build, although they
 * change only with the lockfile or the editor's own files. Here esbuild bundles them into one
 * self-contained module (its own React: the editor page has no other island) in a cache folder,
 * `node_modules/.cache/khuyen-cong/editor/<key>/`, with its brotli and gzip copies. The key names
 * the lockfile, esbuild's version, these options and this file; `inputs.json` records every file
 * of the project the bundle was made from with its hash, so a change to any of them (the
 * editor's collections, fields, the vocabularies they list) builds it again. The editor page
 * (pages/keystatic) loads it with a plain module script; `virtual:content-editor` gives its URL.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The editor's entry, relative to the project. */
export const EDITOR_ENTRY = 'src/components/islands/ContentEditor.tsx';

const OPTIONS = {
  bundle: true,
  format: /** @type {const} */ ('esm'),
  platform: /** @type {const} */ ('browser'),
  target: 'es2022',
  minify: true,
  legalComments: /** @type {const} */ ('none'),
  jsx: /** @type {const} */ ('automatic'),
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: /** @type {const} */ ('warning'),
};

/** @param {Buffer | string} data */
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/**
 * @typedef {{ name: string, file: string, dir: string, reused: boolean }} EditorBundle
 * `name`: the file's name (`ContentEditor.<hash>.js`, served from `/_astro/`); `file`: its path
 * in the cache, beside `<file>.br` and `<file>.gz`.
 */

/**
 * The key of the cache folder: the installed packages (named by the lockfile) and what builds the
 * bundle (esbuild's version, the options, this file).
 * @param {string} root
 * @param {string} esbuildVersion
 */
function cacheKey(root, esbuildVersion) {
  return sha256(
    Buffer.concat([
      readFileSync(path.join(root, 'package-lock.json')),
      Buffer.from(`${esbuildVersion}\n${JSON.stringify(OPTIONS)}\n${EDITOR_ENTRY}\n`),
      readFileSync(fileURLToPath(import.meta.url)),
    ]),
  ).slice(0, 16);
}

/**
 * The bundle in `dir` when every project file it was made from is as it was, else null.
 * @param {string} root
 * @param {string} dir
 * @returns {EditorBundle | null}
 */
function reusable(root, dir) {
  try {
    const record = /** @type {{ name: string, inputs: Record<string, string> }} */ (JSON.parse(readFileSync(path.join(dir, 'inputs.json'), 'utf8')));
    for (const [input, hash] of Object.entries(record.inputs)) {
      if (sha256(readFileSync(path.join(root, input))) !== hash) return null;
    }
    const file = path.join(dir, record.name);
    if (!existsSync(`${file}.br`) || !existsSync(`${file}.gz`)) return null;
    return { name: record.name, file, dir, reused: true };
  } catch {
    return null;
  }
}

/**
 * The editor's bundle: the cached one when it still holds, else built (and its compressed copies
 * made with `compress`) and cached.
 * @param {{ root: string, compress: (data: Buffer) => Promise<{ br: Buffer, gz: Buffer }>, cacheDir?: string }} options
 * @returns {Promise<EditorBundle>}
 */
export async function bundleContentEditor({ root, compress, cacheDir = path.join(root, 'node_modules', '.cache', 'khuyen-cong') }) {
  const esbuild = await import('esbuild');
  const dir = path.join(cacheDir, 'editor', cacheKey(root, esbuild.version));
  const cached = reusable(root, dir);
  if (cached) return cached;

  const result = await esbuild.build({ ...OPTIONS, absWorkingDir: root, entryPoints: [EDITOR_ENTRY], write: false, metafile: true, outfile: 'editor.js' });
  const code = result.outputFiles.find((f) => f.path.endsWith('.js'));
  if (!code || result.outputFiles.length !== 1) throw new Error(`Gói trình biên tập: esbuild trả về ${String(result.outputFiles.length)} tệp, cần đúng một tệp .js`);
  const data = Buffer.from(code.contents);
  const name = `ContentEditor.${sha256(data).slice(0, 10)}.js`;
  /** @type {Record<string, string>} */
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    if (input.includes('node_modules/') || input.includes(':')) continue; // packages: the lockfile names them
    inputs[input] = sha256(readFileSync(path.join(root, input)));
  }
  const { br, gz } = await compress(data);

  // Written beside, then renamed into place: a build running at the same time never reads half.
  const tmp = `${dir}.${String(process.pid)}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(path.join(tmp, name), data);
  writeFileSync(path.join(tmp, `${name}.br`), br);
  writeFileSync(path.join(tmp, `${name}.gz`), gz);
  writeFileSync(path.join(tmp, 'inputs.json'), `${JSON.stringify({ name, inputs }, null, 1)}\n`);
  rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(tmp, dir);
  } catch {
    // Another build put its bundle there first: the same inputs, so the same bundle.
    rmSync(tmp, { recursive: true, force: true });
  }
  const made = reusable(root, dir);
  if (!made) throw new Error(`Không lưu được gói trình biên tập vào ${dir}`);
  return { ...made, reused: false };
}
