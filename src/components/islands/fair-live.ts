/**
 * The fair page's live parts that need no React, in one small module (one request, one gzip
 * stream; the page's `<script>` runs `startFairPage()`): the registration window's state, the
 * availability table and the floor plan's booth states and clicks. Each starts when its part
 * scrolls into view, as a `client:visible` island would; the markup is server-rendered by
 * `RegistrationWindow.astro`, `Availability.astro` and `FloorPlan.astro`.
 */
import { formatNumber } from '~/lib/format';
import { WINDOW_STATE_LABELS, registrationWindowState, windowRefusal, type WindowState } from '~/lib/registration-window';
import { onAvailability, onRegistered, pickBooth, requestAvailability, type AvailabilityData } from './registration-events';

/** Runs `start` once, when `element` first scrolls into view. */
function whenSeen(element: Element, start: () => void): void {
  const seen = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    seen.disconnect();
    start();
  });
  seen.observe(element);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

const BADGE: Record<WindowState, string> = { upcoming: 'neutral', open: 'ok', closed: 'expired' };

/**
 * The window's state from the browser's clock (a prerendered page never shows a stale
 * "open"/"closed"), when the line is seen and every minute after.
 */
function startRegistrationWindow(root: HTMLElement): void {
  const line = root.querySelector('.registration-state');
  const fair = { status: root.dataset['status'] ?? '', registration: { opens: new Date(root.dataset['opens'] ?? ''), closes: new Date(root.dataset['closes'] ?? '') } };
  let shown: WindowState | null = null;
  const update = () => {
    const state = registrationWindowState(fair, new Date());
    if (!line || state === shown) return;
    shown = state;
    line.replaceChildren(el('span', WINDOW_STATE_LABELS[state], `badge ${BADGE[state]}`));
  };
  whenSeen(root, () => {
    update();
    // Keep it right for a page left open across the opening or closing time.
    window.setInterval(update, 60_000);
  });
}

/**
 * The registration form only while the window is open by the browser's clock: before it opens or
 * after it closes the form is hidden and the reason said in its place (the page may have been
 * built days earlier). Without JavaScript the form stays and the server answers with the same reason.
 */
function startRegistrationForm(root: HTMLElement): void {
  const registration = { opens: new Date(root.dataset['opens'] ?? ''), closes: new Date(root.dataset['closes'] ?? '') };
  const fair = { status: root.dataset['status'] ?? '', registration };
  const body = root.querySelector<HTMLElement>('.registration-form-body');
  const reason = root.querySelector<HTMLElement>('.registration-form-closed');
  const upcomingNote = root.querySelector<HTMLElement>('.registration-form-upcoming');
  let shown: WindowState | null = null;
  const update = () => {
    const state = registrationWindowState(fair, new Date());
    if (!body || !reason || state === shown) return;
    shown = state;
    const refusal = windowRefusal(registration, state);
    body.hidden = refusal !== null;
    reason.hidden = refusal === null;
    reason.textContent = refusal ?? '';
    if (upcomingNote) upcomingNote.hidden = true;
  };
  update();
  window.setInterval(update, 60_000);
}

const COUNTS = ['Tổng số', 'Đã giữ', 'Còn trống', 'Đang chờ'];

function header(text: string, scope: 'col' | 'row', className?: string): HTMLTableCellElement {
  const th = el('th', text, className);
  th.scope = scope;
  return th;
}

/** The table of counts (text only: names come from content, never as HTML). */
function countsTable(data: AvailabilityData): HTMLElement {
  const head = el('tr');
  head.append(header('Loại gian', 'col'), ...COUNTS.map((h) => header(h, 'col', 'num')));
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const b of data.boothTypes) {
    const row = el('tr');
    row.dataset['boothType'] = b.id;
    const available = el('td', b.available === 0 ? 'Hết chỗ' : formatNumber(b.available), 'num');
    available.dataset['available'] = '';
    row.append(header(b.name, 'row'), el('td', formatNumber(b.total), 'num'), el('td', formatNumber(b.held), 'num'), available, el('td', formatNumber(b.waitlisted), 'num'));
    tbody.append(row);
  }
  const table = el('table');
  table.append(el('caption', 'Số gian còn trống (cập nhật trực tiếp)'), thead, tbody);
  const wrap = el('div', undefined, 'table-wrap');
  wrap.append(table);
  return wrap;
}

/**
 * Live counts from GET /api/fairs/{slug}/availability: when the table is seen, every 30 seconds
 * after, and at once when the form island announces a registration.
 */
function startAvailability(root: HTMLElement): void {
  const slug = root.dataset['availabilityOf'] ?? '';
  const waiting = root.querySelector('[data-waiting]');
  const failed = root.querySelector<HTMLElement>('[data-failed]');
  let shown: HTMLElement | null = null;
  // Only the latest request's answer is shown (an older, slower one must not overwrite it).
  let latest = 0;
  const load = async () => {
    const mine = ++latest;
    try {
      // Announced to the page too: the floor plan colours its booths from the same answer.
      const data = await requestAvailability(slug);
      if (mine !== latest) return;
      const next = countsTable(data);
      if (shown) shown.replaceWith(next);
      else root.append(next);
      shown = next;
      waiting?.remove();
      if (failed) failed.hidden = true;
    } catch {
      if (mine !== latest || shown) return;
      waiting?.remove();
      if (failed) failed.hidden = false;
    }
    root.setAttribute('aria-busy', 'false');
  };
  onRegistered(slug, () => void load());
  whenSeen(root, () => {
    void load();
    window.setInterval(() => void load(), 30_000);
  });
}

const STATE_TEXT: Record<string, string> = { free: 'Còn trống', held: 'Đã có đơn giữ', confirmed: 'Đã xác nhận' };

/**
 * Booth states from the fair's availability — fetched when the plan is seen, then from every
 * answer the availability table announces — and a click on a free booth offers it to the
 * registration form (when the fair allows choice).
 */
function startFloorPlan(root: HTMLElement): void {
  onAvailability((data) => {
    for (const { code, state } of data.booths ?? []) {
      const g = root.querySelector<SVGGElement>(`g.booth[data-code="${code}"]`);
      const box = g?.querySelector('rect');
      if (g && box) {
        g.dataset['state'] = state;
        box.setAttribute('class', `booth-box st-${state}`);
        const fill = state === 'free' ? null : box.getAttribute(`data-fill-${state}`);
        if (fill) box.setAttribute('fill', fill);
        else box.removeAttribute('fill');
        const title = g.querySelector('title');
        if (title) title.textContent = title.textContent.replace(/: (còn trống|đã có đơn giữ|đã xác nhận)$/, '') + `: ${(STATE_TEXT[state] ?? '').toLowerCase()}`;
      }
      const cell = root.querySelector(`tr[data-code="${code}"] [data-state-text]`);
      if (cell) cell.textContent = STATE_TEXT[state] ?? '';
    }
  });
  const slug = root.dataset['availability'];
  // Without an answer the plan keeps its legend and table; the availability table says what failed.
  if (slug) whenSeen(root, () => void requestAvailability(slug).catch(() => undefined));
  if (root.dataset['choice'] === 'true') {
    root.addEventListener('click', (event) => {
      const g = (event.target as Element).closest<SVGGElement>('g.booth');
      if (g?.dataset['state'] === 'free' && g.dataset['code']) pickBooth(g.dataset['code']);
    });
  }
}

/** Starts every live part the page has. */
export function startFairPage(): void {
  for (const root of document.querySelectorAll<HTMLElement>('.registration-window[data-opens]')) startRegistrationWindow(root);
  for (const root of document.querySelectorAll<HTMLElement>('.registration-entry[data-opens]')) startRegistrationForm(root);
  for (const root of document.querySelectorAll<HTMLElement>('.availability[data-availability-of]')) startAvailability(root);
  for (const root of document.querySelectorAll<HTMLElement>('.floor-plan.mode-public')) startFloorPlan(root);
}
