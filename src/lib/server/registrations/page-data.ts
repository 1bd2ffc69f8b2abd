/**
 * The registration pages' data: each no-JavaScript page (registration form, lookup, management
 * link) calls one function here and renders what it returns. Reads fairs from content, so only
 * pages import this (like fairs.ts).
 */
import { formatPhone, normalizePhone } from '../../phone';
import { getEnv } from '../env';
import { configuredChannels } from '../messaging';
import { getProvince } from '../../provinces';
import { cleanText } from '../../text';
import { getProducers, getProducts } from '../../content/products';
import { catalogueLinks, directoryEntries, searchDirectory } from './directory';
import { planBooths } from './availability';
import { publicAnswer } from './holding';
import { fairResolver, getFairInfo, getFairPlanContent } from './fairs';
import { MANAGE_DONE, type ManageAction } from './messages';
import { postedForm, submitLookupForm, submitManageForm, submitRegistrationForm, type PageOutcome, type PageRequest } from './pages';
import { canCancel } from './rules';
import { getManagedRegistration, getRegistrationByToken, maskedContacts } from './self-service';
import type { FairInfo, PublicRegisterAnswer, RegisterResult, RegistrationRow, RegistrationView } from './types';

/** A fair's plan to draw on an on-demand page, with every booth's state now. */
export async function planWithStates(fair: FairInfo) {
  const content = fair.plan ? await getFairPlanContent(fair.slug) : null;
  if (!content) return null;
  return { ...content, states: new Map(planBooths(fair).map((b) => [b.code, b.state])) };
}

export interface RegistrationPage {
  plan: Awaited<ReturnType<typeof planWithStates>>;
  fair: FairInfo | null;
  status: number;
  /** What was posted, to fill the form in again. */
  values: Record<string, string>;
  outcome: PageOutcome<RegisterResult> | null;
  /** The answer as this page may show it: staff see a duplicate's code, the public never. */
  result: PublicRegisterAnswer | null;
}

/** The no-JavaScript registration page: GET shows the form; POST registers or shows the errors. */
export async function registrationPage(slug: string, page: PageRequest, staff: { enteredByStaff?: boolean } = {}): Promise<RegistrationPage> {
  const fair = await getFairInfo(slug);
  if (!fair) return { plan: null, fair: null, status: 404, values: {}, outcome: null, result: null };
  if (page.request.method !== 'POST') return { plan: await planWithStates(fair), fair, status: 200, values: {}, outcome: null, result: null };
  const { form, outcome } = await postedForm(page.request, (f) => submitRegistrationForm(fair, f, page.ip, page.actor, staff));
  const result = outcome.kind === 'ok' ? (staff.enteredByStaff ? outcome.value : publicAnswer(outcome.value)) : null;
  return { plan: outcome.kind === 'ok' ? null : await planWithStates(fair), fair, status: outcome.status, values: form, outcome, result };
}

export interface LookupPage {
  /** The form's code and phone in normal form, for the follow-up forms (resend, offer answers). */
  code: string;
  phone: string;
  done: string | null;
  contacts: { sms: string; email: string | null } | null;
  /** Channels the site can send on now (a resend on another one waits in the outbox). */
  channels: { email: boolean; sms: boolean };
  status: number;
  retryAfterSeconds?: number | undefined;
  values: Record<string, string>;
  outcome: PageOutcome<RegistrationView> | null;
  view: RegistrationView | null;
  fields: Record<string, string>;
  fairName: string;
  boothTypeName: string;
}

/** The lookup page: the form, or the registration found (with its fair's names). */
export async function lookupPage(page: PageRequest): Promise<LookupPage> {
  const resolve = await fairResolver();
  const channels = configuredChannels(getEnv());
  const blank = { code: '', phone: '', done: null, contacts: null, channels };
  if (page.request.method !== 'POST') return { ...blank, status: 200, values: {}, outcome: null, view: null, fields: {}, fairName: '', boothTypeName: '' };
  const { form, outcome } = await postedForm(page.request, (f) => submitLookupForm(f, resolve, page.ip, page.actor));
  const view = outcome.kind === 'ok' ? outcome.value : null;
  const fair = view ? resolve(view.fair) : null;
  const phone = normalizePhone(form['phone'] ?? '') ?? '';
  return {
    code: view?.code ?? '',
    phone: view ? formatPhone(phone) : '',
    done: view?.done ?? null,
    contacts: view ? maskedContacts(view.code, phone) : null,
    channels,
    status: outcome.status,
    retryAfterSeconds: outcome.kind === 'error' ? outcome.retryAfterSeconds : undefined,
    values: form,
    outcome,
    view,
    fields: outcome.kind === 'invalid' ? outcome.fields : {},
    fairName: view ? (fair?.name ?? view.fair) : '',
    boothTypeName: view ? (fair?.boothTypes.find((b) => b.id === view.boothTypeId)?.name ?? view.boothTypeId) : '',
  };
}

export interface ManagePage {
  status: number;
  /** Set after a successful change: the page answers with this 303 (back to itself, with a notice). */
  redirect: string | null;
  registration: RegistrationRow | null;
  view: RegistrationView | null;
  fairName: string;
  boothTypeName: string;
  canCancel: boolean;
  done: string | null;
  error: string | null;
  fields: Record<string, string>;
  contact: Record<string, string>;
}

/** The management page of `token`: its registration, and the outcome of a posted form. */
export async function managePage(token: string, url: URL, page: PageRequest): Promise<ManagePage> {
  const found = getRegistrationByToken(token);
  const fair = found ? await getFairInfo(found.fairSlug) : null;
  let status = found ? 200 : 404;
  let fields: Record<string, string> = {};
  let error: string | null = null;
  let form: Record<string, string> = {};
  if (found && page.request.method === 'POST') {
    const posted = await postedForm(page.request, (f) => submitManageForm(token, fair, f, page.actor));
    form = posted.form;
    const outcome = posted.outcome;
    if (outcome.kind === 'ok') {
      return { ...emptyManagePage, status: 303, redirect: `/hoi-cho/quan-ly/${token}?xong=${encodeURIComponent(form['action'] ?? '')}` };
    }
    status = outcome.status;
    if (outcome.kind === 'invalid') fields = outcome.fields;
    else error = outcome.message;
  }
  const managed = found ? getManagedRegistration(token, fair) : null;
  const reg = managed?.registration ?? null;
  const doneKey = url.searchParams.get('xong') ?? '';
  return {
    status,
    redirect: null,
    registration: reg,
    view: managed?.view ?? null,
    fairName: fair?.name ?? reg?.fairSlug ?? '',
    boothTypeName: (reg && fair?.boothTypes.find((b) => b.id === reg.boothTypeId)?.name) ?? reg?.boothTypeId ?? '',
    canCancel: reg ? canCancel(reg.status) : false,
    done: doneKey in MANAGE_DONE ? MANAGE_DONE[doneKey as ManageAction] : null,
    error,
    fields,
    contact: form['action'] === 'update-contact' ? form : reg ? { representative: reg.representative, phone: formatPhone(reg.phone), email: reg.email ?? '' } : {},
  };
}

const emptyManagePage: ManagePage = {
  status: 404,
  redirect: null,
  registration: null,
  view: null,
  fairName: '',
  boothTypeName: '',
  canCancel: false,
  done: null,
  error: null,
  fields: {},
  contact: {},
};

/** The public exhibitor directory page of a fair (`?q=` searches; a plain GET form). */
export async function directoryPage(slug: string, params: URLSearchParams) {
  const fair = await getFairInfo(slug);
  if (!fair) return { fair: null, status: 404, q: '', entries: [], total: 0 };
  const q = cleanText(params.get('q') ?? '').slice(0, 100);
  const all = directoryEntries(fair.slug);
  const [producers, products] = await Promise.all([getProducers(), getProducts()]);
  const producerList = producers.map((p) => ({ id: p.id, name: p.data.name }));
  const productList = products.map((p) => ({ id: p.id, name: p.data.name, producer: p.data.producer.id }));
  const provinceName = (s: string) => getProvince(s)?.name ?? s;
  const entries = searchDirectory(all, q, provinceName).map((e) => ({ ...e, provinceName: provinceName(e.province), links: catalogueLinks(e, producerList, productList) }));
  return { fair, status: 200, q, entries, total: all.length };
}
