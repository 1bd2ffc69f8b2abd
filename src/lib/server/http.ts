/**
 * Helpers for on-demand routes: JSON answers, bodies parsed with zod (400 malformed, 413 too
 * large, 415 wrong type), the same-origin rule for JSON writes, and the one place where a
 * typed error becomes an HTTP answer.
 */
import type { APIContext, APIRoute } from 'astro';
import { defaultErrorMap, ZodError, type z, type ZodErrorMap, type ZodTypeAny } from 'zod';
import { getEnv } from './env';
import { AppError, HttpError } from './errors';

/** Bodies above this are refused with 413 unless a route asks for another limit. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * A JSON answer before it becomes a Response: what `json()` sends, for a caller that writes to
 * the socket itself (the registration fast path, registrations/fast-path.ts).
 */
export interface JsonAnswer {
  status: number;
  headers: Record<string, string>;
  /** undefined: no body. */
  body: string | undefined;
}

/**
 * A JSON answer's status, headers and body. `Cache-Control: no-store`: these answers are per
 * person and per moment. It declares its length, so a small answer skips the compression
 * layer's hold-back (compression.ts).
 */
export function jsonAnswer(data: unknown, status = 200, headers: Record<string, string> = {}): JsonAnswer {
  // undefined for `undefined` (an empty body, as before).
  const body = JSON.stringify(data) as string | undefined;
  const length: Record<string, string> = body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) };
  return { status, headers: { 'Content-Type': JSON_TYPE, ...length, 'Cache-Control': 'no-store', ...headers }, body };
}

/** A `JsonAnswer` as a Response (what routes return). */
export function toResponse(answer: JsonAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** A JSON answer (`jsonAnswer` as a Response). */
export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return toResponse(jsonAnswer(data, status, headers));
}

/** The body of a refusal: `{ ...extra, error: <code>, message: <Vietnamese>, fields? }`. */
function errorBody(code: string, message: string, fields?: Record<string, string>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...extra, error: code, message, ...(fields ? { fields } : {}) };
}

/**
 * Any thrown value → an answer. AppErrors carry their status and message; anything else is a
 * bug: logged (name and message only, never request data) and answered with a generic 500.
 */
export function errorAnswer(error: unknown): JsonAnswer {
  if (error instanceof AppError) {
    const known = error as AppError;
    const headers: Record<string, string> = {};
    if (known.retryAfterSeconds !== undefined) headers['Retry-After'] = String(known.retryAfterSeconds);
    return jsonAnswer(errorBody(known.code, known.message, known.fields, known.extra), known.status, headers);
  }
  if (error instanceof ZodError) {
    const invalid = new HttpError('invalid_input', { fields: fieldErrors(error) });
    return jsonAnswer(errorBody(invalid.code, invalid.message, invalid.fields), invalid.status);
  }
  const e = error instanceof Error ? error : new Error(String(error));
  process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level: 'error', error: e.name, message: e.message, stack: e.stack })}\n`);
  const internal = new HttpError('internal');
  return jsonAnswer(errorBody(internal.code, internal.message), internal.status);
}

/** `errorAnswer` as a Response. */
export function toErrorResponse(error: unknown): Response {
  return toResponse(errorAnswer(error));
}

/** Wraps a route so that thrown errors become answers through `toErrorResponse`. */
export function apiRoute(handler: APIRoute): APIRoute {
  return async (context) => {
    try {
      return await handler(context);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

/** Vietnamese messages for zod's built-in checks; a schema's own messages take precedence. */
export const viErrorMap: ZodErrorMap = (issue, ctx) => {
  // A contextual map runs after the schema's own (`required_error`…): keep a message the
  // schema chose, translate only zod's English defaults.
  if (ctx.defaultError !== defaultErrorMap(issue, { ...ctx, defaultError: '' }).message && ctx.defaultError !== '') {
    return { message: ctx.defaultError };
  }
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined' || issue.received === 'null') return { message: 'Trường này là bắt buộc.' };
      return { message: 'Giá trị không đúng kiểu.' };
    case 'too_small':
      if (issue.type === 'string') {
        return { message: issue.minimum === 1 ? 'Trường này là bắt buộc.' : `Cần ít nhất ${String(issue.minimum)} ký tự.` };
      }
      return { message: `Giá trị phải từ ${String(issue.minimum)} trở lên.` };
    case 'too_big':
      if (issue.type === 'string') return { message: `Tối đa ${String(issue.maximum)} ký tự.` };
      return { message: `Giá trị phải từ ${String(issue.maximum)} trở xuống.` };
    case 'invalid_string':
      if (issue.validation === 'email') return { message: 'Địa chỉ email không hợp lệ.' };
      return { message: 'Giá trị không hợp lệ.' };
    case 'invalid_enum_value':
      return { message: 'Giá trị không nằm trong danh sách cho phép.' };
    default:
      return { message: ctx.defaultError === 'Required' ? 'Trường này là bắt buộc.' : 'Giá trị không hợp lệ.' };
  }
};

/** `{ "<path>": "<first message>" }` of a zod error. */
export function fieldErrors(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Validates `data` with `schema`, throwing a 400 `invalid_input` with per-field messages. */
export function parseInput<S extends ZodTypeAny>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data, { errorMap: viErrorMap });
  if (!result.success) throw new HttpError('invalid_input', { fields: fieldErrors(result.error) });
  return result.data as z.output<S>;
}

async function readLimitedText(request: Request, maxBytes: number): Promise<string> {
  return (await readLimitedBytes(request, maxBytes)).toString('utf8');
}

/** The whole body, refused with 413 (HttpError payload_too_large) past `maxBytes`, declared or sent. */
export async function readLimitedBytes(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new HttpError('payload_too_large');
  if (!request.body) return Buffer.alloc(0);
  if (request.bodyUsed) throw new HttpError('malformed_form');
  return readLimitedChunks(request.body, maxBytes);
}

/**
 * A body's chunks read whole, refused with 413 as soon as they pass `maxBytes` (the reader is
 * let go: a web stream is cancelled, request-body.ts's socket reader releases the request).
 */
export async function readLimitedChunks(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const value of body) {
    total += value.byteLength;
    if (total > maxBytes) throw new HttpError('payload_too_large');
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** A Content-Type header's media type: lower case, without its parameters ('' for none). */
export function mediaTypeOf(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function mediaType(request: Request): string {
  return mediaTypeOf(request.headers.get('content-type'));
}

export interface BodyOptions {
  /** Bytes; default DEFAULT_BODY_LIMIT. */
  maxBytes?: number;
}

/**
 * A request body as the JSON reader needs it: its media type (lower case, no parameters) and a
 * way to read it whole within a limit (refusing with 413 past it). A Request's (`requestBody`),
 * or one read from the socket already (registrations/fast-path.ts).
 */
export interface TextBody {
  mediaType: string;
  text(maxBytes: number): Promise<string> | string;
}

/** A Request's body as a `TextBody`. */
export function requestBody(request: Request): TextBody {
  return { mediaType: mediaType(request), text: (maxBytes) => readLimitedText(request, maxBytes) };
}

/** Reads a JSON body (415 when not JSON, 413 over the limit, 400 malformed or invalid). */
export async function readJsonBody<S extends ZodTypeAny>(body: TextBody, schema: S, options: BodyOptions = {}): Promise<z.output<S>> {
  if (body.mediaType !== 'application/json') throw new HttpError('unsupported_media_type');
  const text = await body.text(options.maxBytes ?? DEFAULT_BODY_LIMIT);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new HttpError('malformed_json');
  }
  return parseInput(schema, data);
}

/** `readJsonBody` of a Request. */
export function readJson<S extends ZodTypeAny>(request: Request, schema: S, options: BodyOptions = {}): Promise<z.output<S>> {
  return readJsonBody(requestBody(request), schema, options);
}

/** A body that may come from a JSON client or from a plain HTML form (no JavaScript). */
export async function readJsonOrForm<S extends ZodTypeAny>(
  request: Request,
  schema: S,
  options: BodyOptions = {},
): Promise<{ data: z.output<S>; isForm: boolean }> {
  const type = mediaType(request);
  if (type === 'application/x-www-form-urlencoded') {
    const text = await readLimitedText(request, options.maxBytes ?? DEFAULT_BODY_LIMIT);
    const data = Object.fromEntries(new URLSearchParams(text));
    return { data: parseInput(schema, data), isForm: true };
  }
  return { data: await readJson(request, schema, options), isForm: false };
}

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * The one reader of plain HTML form posts (every page and route that takes a form): 415 for
 * any other type (JSON, text, XML, none), 413 past `maxBytes` (counted while reading, so a
 * chunked body without a length is cut off too), 400 for a multipart body that does not parse.
 * Files in a multipart body are ignored: plain forms carry text (uploads stream elsewhere).
 * Repeated names keep every value (`getAll`).
 */
export async function readForm(request: Request, options: BodyOptions = {}): Promise<URLSearchParams> {
  const type = mediaType(request);
  if (!FORM_TYPES.has(type)) throw new HttpError('unsupported_form_type');
  const maxBytes = options.maxBytes ?? DEFAULT_BODY_LIMIT;
  if (type === 'application/x-www-form-urlencoded') return new URLSearchParams(await readLimitedText(request, maxBytes));
  const bytes = await readLimitedBytes(request, maxBytes);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), { headers: { 'Content-Type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    throw new HttpError('malformed_form');
  }
  const params = new URLSearchParams();
  for (const [name, value] of form.entries()) if (typeof value === 'string') params.append(name, value);
  return params;
}

/** `readForm` as a plain object (the last value wins for a repeated name). */
export async function readFormObject(request: Request, options: BodyOptions = {}): Promise<Record<string, string>> {
  return Object.fromEntries(await readForm(request, options));
}

/** Whether the request came from a plain HTML form (so it expects a redirect, not JSON). */
export function isFormPost(request: Request): boolean {
  const type = mediaType(request);
  return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data';
}

/**
 * JSON writes must carry an Origin header equal to this site's (Astro's checkOrigin only
 * covers form content types). Accepts the request's own origin and SITE_URL's (behind a proxy
 * they differ). Non-browser clients send `Origin: <SITE_URL>`.
 */
export function requireSameOrigin(context: Pick<APIContext, 'request' | 'url'>): void {
  requireOrigin(context.request.headers.get('origin'), context.url.origin);
}

/** `requireSameOrigin` from its two facts: the Origin header and the request's own origin. */
export function requireOrigin(origin: string | null, ownOrigin: string): void {
  if (!origin || (origin !== ownOrigin && origin !== siteOrigin())) throw new HttpError('cross_origin');
}

/** SITE_URL's origin (the environment is read once: so is this). */
export function siteOrigin(): string {
  const url = getEnv().SITE_URL;
  if (siteOriginOf?.url !== url) siteOriginOf = { url, origin: new URL(url).origin };
  return siteOriginOf.origin;
}
let siteOriginOf: { url: string; origin: string } | null = null;

/** Longer return addresses are refused: no page of ours needs one, and it ends up in a header. */
export const MAX_NEXT_LENGTH = 2048;

/**
 * Control characters, whitespace (Unicode's too), invisible format characters (bidi overrides,
 * zero-width) and backslashes. Browsers drop tabs and newlines from URLs and read `\` as `/`,
 * so `/\t/evil.example` and `/\\evil.example` are `//evil.example` to them: another site.
 */
const UNSAFE_IN_NEXT = /[\p{Cc}\p{Cf}\p{Z}\s\\]/u;

/**
 * A safe return address: a path on this site, normalised by the URL parser (dot segments
 * resolved, non-ASCII percent-encoded, so the answer is always a valid Location header) —
 * never `//evil.example`, `/\\evil`, `https://…` or `javascript:`. Anything else, including
 * a path that only decodes to one of those (`/%2F/evil`, `/%5Cevil`, `/%09/evil`), gives
 * `fallback`: no page of ours has encoded slashes, backslashes or control characters in its
 * path, and a proxy or a later step that decodes once must not find a way off-site.
 */
export function safeNext(next: string | null | undefined, fallback = '/quan-tri'): string {
  if (!next || next.length > MAX_NEXT_LENGTH || !next.startsWith('/') || next.startsWith('//')) return fallback;
  if (UNSAFE_IN_NEXT.test(next)) return fallback;
  const site = new URL(getEnv().SITE_URL);
  let url: URL;
  let decodedPath: string;
  try {
    url = new URL(next, site);
    decodedPath = decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  if (url.origin !== site.origin) return fallback;
  if (decodedPath.startsWith('//') || UNSAFE_IN_NEXT.test(decodedPath)) return fallback;
  const normalised = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse into `//` ("/..//evil.example" → "//evil.example").
  if (normalised.startsWith('//') || normalised.length > MAX_NEXT_LENGTH) return fallback;
  return normalised;
}
