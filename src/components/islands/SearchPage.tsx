/**
 * The /tim-kiem search form and results. The server renders it with the results of the URL's
 * query, so without JavaScript it is a plain GET form that works. Once hydrated it searches as
 * you type (debounced), keeps the URL in step (shareable), announces the result count in a
 * polite live region and lets the keyboard move between the box and the results (↓/↑, Esc).
 * Results are a plain list of links — no listbox to get wrong. Highlights arrive as text
 * segments and are rendered as React text: nothing from the index becomes HTML.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  DOC_KINDS,
  FACET_KEYS,
  FACET_TITLES,
  MAX_QUERY_LENGTH,
  parseSearchQuery,
  searchHref,
  searchParamsOf,
  type FacetKey,
  type SearchQuery,
  type SearchResult,
  type Segment,
} from '~/lib/search-query';

interface Props {
  initialQuery: SearchQuery;
  /** Null when the search failed on the server. */
  initialResult: SearchResult | null;
}

const DEBOUNCE_MS = 250;
const numberFmt = new Intl.NumberFormat('vi-VN');
const KIND_LABEL = new Map<string, string>(DOC_KINDS);
const SELECT_FACETS = FACET_KEYS.filter((k) => k !== 'hieuluc');

function Marked({ segments, fallback }: { segments: readonly Segment[]; fallback: string }): ReactNode {
  if (!segments.length) return fallback;
  return segments.map(([text, marked], i) => (marked ? <mark key={i}>{text}</mark> : <span key={i}>{text}</span>));
}

export function statusText(query: SearchQuery, result: SearchResult | null): string {
  if (!result) return 'Tìm kiếm tạm thời không dùng được. Vui lòng thử lại sau.';
  const what = query.q ? ` cho “${query.q}”` : '';
  if (result.total === 0) return `Không tìm thấy kết quả nào${what}.`;
  const pages = result.pages > 1 ? ` — trang ${String(result.page)}/${String(result.pages)}` : '';
  return `Tìm thấy ${numberFmt.format(result.total)} kết quả${what}${pages}.`;
}

export default function SearchPage({ initialQuery, initialResult }: Props) {
  const [query, setQuery] = useState<SearchQuery>(initialQuery);
  const [text, setText] = useState(initialQuery.q);
  const [result, setResult] = useState<SearchResult | null>(initialResult);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const timerRef = useRef<number | undefined>(undefined);

  const run = useCallback(async (next: SearchQuery) => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setBusy(true);
    const params = searchParamsOf(next);
    window.history.replaceState(null, '', searchHref(next));
    try {
      const response = await fetch(`/api/search${params ? `?${params}` : ''}`, { signal: controller.signal, headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(String(response.status));
      const data = (await response.json()) as SearchResult;
      if (controller.signal.aborted) return;
      setResult(data);
      setQuery(next);
    } catch {
      if (controller.signal.aborted) return;
      setResult(null);
      setQuery(next);
    } finally {
      if (abortRef.current === controller) setBusy(false);
    }
  }, []);

  useEffect(() => () => window.clearTimeout(timerRef.current), []);

  // Back/forward after replaceState is not needed; a shared URL is read by the server.
  const change = (patch: Partial<Record<keyof SearchQuery, string | undefined>>, debounce = false) => {
    const merged = new URLSearchParams(searchParamsOf(query));
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') merged.delete(k);
      else merged.set(k, v);
    }
    if (!('trang' in patch)) merged.delete('trang');
    const next = parseSearchQuery(merged);
    window.clearTimeout(timerRef.current);
    if (debounce) timerRef.current = window.setTimeout(() => void run(next), DEBOUNCE_MS);
    else void run(next);
  };

  const links = () => Array.from(listRef.current?.querySelectorAll<HTMLAnchorElement>('a.search-hit') ?? []);

  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      const first = links()[0];
      if (first) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  const onListKey = (e: KeyboardEvent<HTMLOListElement>) => {
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    if (e.key === 'ArrowDown' && at < all.length - 1) {
      e.preventDefault();
      all[at + 1]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      (at === 0 ? inputRef.current : all[at - 1])?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      inputRef.current?.focus();
    }
  };

  const facets = result?.facets ?? {};
  const optionsFor = (key: FacetKey) => {
    const list = facets[key] ?? [];
    const selected = query[key];
    const values = list.map((f) => ({ value: f.value, label: `${f.label} (${numberFmt.format(f.count)})` }));
    if (selected !== undefined && !list.some((f) => f.value === String(selected))) values.unshift({ value: String(selected), label: String(selected) });
    return values;
  };
  const validCount = facets.hieuluc?.[0]?.count ?? 0;

  return (
    <div className="search-page">
      <form
        className="search-page-form"
        role="search"
        aria-label="Tìm sản phẩm, cơ sở sản xuất và hội chợ"
        action="/tim-kiem"
        method="get"
        onSubmit={(e) => {
          e.preventDefault();
          change({ q: text });
        }}
      >
        <div className="field">
          <label htmlFor="tk-q">Từ khóa</label>
          <div className="search-page-row">
            <input
              ref={inputRef}
              id="tk-q"
              name="q"
              type="search"
              value={text}
              maxLength={MAX_QUERY_LENGTH}
              autoComplete="off"
              spellCheck={false}
              aria-describedby="tk-goi-y"
              aria-controls="tk-ket-qua-ds"
              onChange={(e) => {
                setText(e.target.value);
                change({ q: e.target.value }, true);
              }}
              onKeyDown={onInputKey}
            />
            <button type="submit">Tìm</button>
          </div>
          <p id="tk-goi-y" className="hint">
            Gõ có dấu hoặc không dấu, ví dụ “nuoc mam”, “sâm Ngọc Linh”, “Quảng Nam”. Kết quả hiện ngay khi gõ; dùng phím ↓ để đến kết quả.
          </p>
        </div>
        <details className="search-facets" open={SELECT_FACETS.some((k) => query[k] !== undefined) || query.hieuluc !== undefined}>
          <summary>Bộ lọc</summary>
          {SELECT_FACETS.map((key) => (
            <div className="field" key={key}>
              <label htmlFor={`tk-${key}`}>{FACET_TITLES[key]}</label>
              <select id={`tk-${key}`} name={key} value={query[key] === undefined ? '' : String(query[key])} onChange={(e) => change({ [key]: e.target.value })}>
                <option value="">Tất cả</option>
                {optionsFor(key).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <div className="field">
            <label>
              <input type="checkbox" name="hieuluc" value="1" checked={query.hieuluc === '1'} onChange={(e) => change({ hieuluc: e.target.checked ? '1' : undefined })} /> Chỉ chứng nhận còn hiệu lực ({numberFmt.format(validCount)})
            </label>
          </div>
          <div className="field">
            <label htmlFor="tk-sap">Sắp xếp</label>
            <select id="tk-sap" name="sap" value={query.sap ?? 'lien-quan'} onChange={(e) => change({ sap: e.target.value })}>
              <option value="lien-quan">Phù hợp nhất</option>
              <option value="ten">Theo tên (A–Z)</option>
              <option value="sao">Hạng sao OCOP cao nhất</option>
            </select>
          </div>
          <button type="submit" className="secondary">
            Áp dụng bộ lọc
          </button>
        </details>
      </form>

      <section aria-labelledby="tk-tieu-de" className="search-results-section">
        <h2 id="tk-tieu-de" className="visually-hidden">
          Kết quả tìm kiếm
        </h2>
        <p role="status" aria-live="polite" aria-atomic="true" className="search-status">
          {statusText(query, result)}
          {result?.corrections && Object.keys(result.corrections).length ? ` Đã tìm cả “${Object.values(result.corrections).join('”, “')}”.` : ''}
        </p>
        <ol id="tk-ket-qua-ds" ref={listRef} className="search-results" aria-busy={busy} onKeyDown={onListKey}>
          {(result?.hits ?? []).map((hit) => (
            <li key={hit.id}>
              <a className="search-hit" href={hit.url}>
                <Marked segments={hit.highlights.title} fallback={hit.title} />
              </a>{' '}
              <span className="badge neutral">{KIND_LABEL.get(hit.kind) ?? hit.kind}</span>
              {hit.stars ? <span className="badge stars">{`OCOP ${String(hit.stars)} sao`}</span> : null}
              <p className="meta">{hit.subtitle}</p>
              <p>
                <Marked segments={hit.highlights.summary} fallback={hit.summary} />
              </p>
            </li>
          ))}
        </ol>
        {result && result.pages > 1 ? (
          <nav aria-label="Trang kết quả">
            <ul className="pagination">
              {Array.from({ length: result.pages }, (_, i) => i + 1)
                .filter((p) => p === 1 || p === result.pages || Math.abs(p - result.page) <= 2)
                .map((p) => (
                  <li key={p}>
                    {p === result.page ? (
                      <span aria-current="page">{p}</span>
                    ) : (
                      <a
                        href={searchHref(query, { trang: p })}
                        onClick={(e) => {
                          e.preventDefault();
                          change({ trang: String(p) });
                        }}
                      >
                        {p}
                      </a>
                    )}
                  </li>
                ))}
            </ul>
          </nav>
        ) : null}
      </section>
    </div>
  );
}
