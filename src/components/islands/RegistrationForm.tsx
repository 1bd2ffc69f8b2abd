/**
 * The booth registration form. Rendered on the server it is a plain form posting to
 * /hoi-cho/{slug}/dang-ky (works without JavaScript; the page shows errors or the result);
 * hydrated (when it scrolls into view: `client:visible`) it validates with the same zod schema as
 * the server, posts JSON with an Idempotency-Key (a retried submit never registers twice) and
 * shows the answer in place. The schema (zod, the province table) and the answer's component are
 * imported when the applicant starts filling the form in, not with the island: the island's own
 * bundle carries none of them; the provinces of the select box and the vocabulary's labels come as
 * props (the fair page's JavaScript budget, `npm run bench:islands`).
 * Errors: a summary (role="alert") linking to each field, and a message under each field tied
 * to it with aria-describedby; focus moves to the summary or to the result. An accepted
 * registration is announced (`khuyen-cong:registered`) so the availability island refreshes.
 */
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { CONSENT_TEXT, DIRECTORY_CONSENT_TEXT } from '~/lib/consent-texts';
import type { RegistrationFormVocabulary } from '~/lib/vocabulary';
import type { ProvinceOption } from '~/lib/provinces';
import { announceRegistered, onBoothPicked } from './registration-events';
import type { RegistrationAnswerData } from '../RegistrationAnswer';
import './registration.css';

export interface RegistrationFormProps {
  fair: {
    slug: string;
    boothTypes: { id: string; name: string }[];
    maxBoothsPerEstablishment: number;
    /** When applicants choose booths on the floor plan: its booths (code → type). */
    choice?: { boothChoice: boolean; booths: readonly { code: string; typeId: string }[] } | undefined;
    /** The fair has a floor plan: applicants may ask for booth features. */
    hasPlan?: boolean;
  };
  /** The province select box's options (`provinceOptions()`), passed so the table stays on the server. */
  provinces: readonly ProvinceOption[];
  /** Establishment types, booth tags and status labels (`registrationFormVocabulary()`), passed for the same reason. */
  vocabulary: RegistrationFormVocabulary;
  /** The site's craft villages (names), offered for the craft village field. */
  villages?: readonly string[];
  /** Values to show (after a failed no-JS post). */
  values?: Record<string, string>;
  /** Per-field messages (after a failed no-JS post). */
  errors?: Record<string, string>;
  /** A general message (409/429…) from the server. */
  message?: string | undefined;
  /** Where the plain form posts (default: the fair's no-JavaScript registration page). */
  action?: string | undefined;
}

type Answer = RegistrationAnswerData;

const LABELS: Record<string, string> = {
  establishmentName: 'Tên cơ sở',
  establishmentType: 'Loại hình cơ sở',
  taxCode: 'Mã số thuế',
  craftVillage: 'Làng nghề',
  representative: 'Người đại diện',
  phone: 'Số điện thoại di động',
  email: 'Email',
  province: 'Tỉnh, thành phố',
  commune: 'Xã, phường, đặc khu',
  products: 'Sản phẩm trưng bày',
  boothTypeId: 'Loại gian hàng',
  boothCodes: 'Gian chọn trên sơ đồ',
  wantedTags: 'Yêu cầu về gian',
  directoryConsent: 'Công bố trong danh bạ gian hàng',
  quantity: 'Số gian',
  acceptFewer: 'Nhận ít gian hơn',
  wantsSupport: 'Hỗ trợ khuyến công',
  consent: 'Đồng ý xử lý dữ liệu cá nhân',
  _: 'Đơn đăng ký',
};

const OFFLINE_MESSAGE = 'Không kết nối được tới máy chủ. Kiểm tra mạng rồi bấm gửi lại (đơn sẽ không bị gửi hai lần).';

/**
 * The validation schemas, loaded once, on first need (zod stays out of the island's bundle), with
 * the answer's component: an answer only ever follows a validated submit.
 */
let validation: Promise<typeof import('~/lib/registration-schema') & { Answer: typeof import('../RegistrationAnswer').default }> | null = null;
function loadValidation() {
  validation ??= Promise.all([import('~/lib/registration-schema'), import('../RegistrationAnswer')])
    .then(([rules, answer]) => ({ ...rules, Answer: answer.default }))
    .catch((error: unknown) => {
      validation = null; // a failed download is tried again at the next submit
      throw error;
    });
  return validation;
}

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${String(Date.now())}-${String(Math.random())}`;
}

export default function RegistrationForm({ fair, provinces, vocabulary, villages = [], values = {}, errors: initialErrors = {}, message: initialMessage, action }: RegistrationFormProps) {
  const [errors, setErrors] = useState<Record<string, string>>(initialErrors);
  const [message, setMessage] = useState<string | undefined>(initialMessage);
  const [answer, setAnswer] = useState<{ data: Answer; View: Awaited<ReturnType<typeof loadValidation>>['Answer'] } | null>(null);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const keyRef = useRef<{ key: string; body: string } | null>(null);
  const v = (name: string) => values[name] ?? '';
  // The tax code is required for every type but households: the mark, `required` and
  // `aria-required` follow the chosen type (on the server: the posted one, or none yet).
  const [establishmentType, setEstablishmentType] = useState(v('establishmentType'));
  const taxRequired = establishmentType !== 'household';
  // Booths chosen on the plan: typed, or clicked on the plan (which sets the type and quantity too).
  const [codes, setCodes] = useState(v('boothCodes'));
  const typeRef = useRef<HTMLSelectElement>(null);
  const quantityRef = useRef<HTMLInputElement>(null);
  const choice = fair.choice?.boothChoice ? fair.choice : undefined;
  useEffect(() => {
    if (!choice) return undefined;
    return onBoothPicked((code) => {
      setCodes((current) => {
        const list = current.split(/[,;\s]+/).map((c) => c.trim().toUpperCase()).filter(Boolean);
        const next = list.includes(code) ? list.filter((c) => c !== code) : [...list, code];
        const type = choice.booths.find((b) => b.code === (next[0] ?? code))?.typeId;
        if (type && typeRef.current) typeRef.current.value = type;
        if (quantityRef.current && next.length) quantityRef.current.value = String(next.length);
        return next.join(', ');
      });
    });
  }, [choice]);

  useEffect(() => {
    if (answer) resultRef.current?.focus();
  }, [answer]);

  async function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget);
    const data: Record<string, unknown> = Object.fromEntries(form.entries());
    data['wantedTags'] = form.getAll('wantedTags').filter((v): v is string => typeof v === 'string').join(',');
    let rules: Awaited<ReturnType<typeof loadValidation>>;
    try {
      rules = await loadValidation();
    } catch {
      setMessage(OFFLINE_MESSAGE);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const parsed = rules.registrationSchemaFor(fair).safeParse(data);
    if (!parsed.success) {
      setErrors(rules.registrationFieldErrors(parsed.error));
      setMessage(undefined);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const body = JSON.stringify(parsed.data);
    // The same content keeps its key, so a retry after a network error is answered once.
    if (!keyRef.current || keyRef.current.body !== body) keyRef.current = { key: newKey(), body };
    setBusy(true);
    setErrors({});
    setMessage(undefined);
    try {
      const response = await fetch(`/api/fairs/${fair.slug}/registrations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': keyRef.current.key },
        body,
      });
      const json = (await response.json()) as Omit<Answer, 'message'> & { message?: string; error?: string; fields?: Record<string, string> };
      if (response.ok) {
        setAnswer({ data: { ...json, message: json.message ?? '' }, View: rules.Answer });
        // The availability table on the same page refetches its counts (a duplicate changed none).
        if (json.code && json.status) announceRegistered({ slug: fair.slug, code: json.code, status: json.status });
      } else {
        if (json.fields) setErrors(json.fields);
        setMessage(json.message ?? 'Không gửi được đăng ký. Vui lòng thử lại.');
        requestAnimationFrame(() => summaryRef.current?.focus());
      }
    } catch {
      setMessage(OFFLINE_MESSAGE);
      requestAnimationFrame(() => summaryRef.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  if (answer) return <answer.View answer={answer.data} heading="h3" statusLabel={answer.data.status ? (vocabulary.statuses[answer.data.status] ?? answer.data.status) : ''} headingRef={resultRef} />;

  const fieldErrors = Object.entries(errors);
  const describe = (name: string, hint?: boolean) =>
    [hint ? `rf-${name}-hint` : null, errors[name] ? `rf-${name}-error` : null].filter(Boolean).join(' ') || undefined;
  const err = (name: string) =>
    errors[name] ? (
      <p className="error" id={`rf-${name}-error`}>
        {errors[name]}
      </p>
    ) : null;
  const inputProps = (name: string, hint?: boolean) => ({
    id: `rf-${name}`,
    name,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': describe(name, hint),
  });

  return (
    <form method="post" action={action ?? `/hoi-cho/${fair.slug}/dang-ky`} noValidate onSubmit={(e) => void onSubmit(e)} onFocus={() => void loadValidation().catch(() => undefined)} className="registration-form">
      <div ref={summaryRef} tabIndex={-1} role={fieldErrors.length || message ? 'alert' : undefined} className="form-summary">
        {message && <p className="notice danger">{message}</p>}
        {fieldErrors.length > 0 && (
          <div className="notice danger">
            <p>
              <strong>Đơn chưa gửi được, vui lòng sửa {fieldErrors.length} mục:</strong>
            </p>
            <ul>
              {fieldErrors.map(([name, text]) => (
                <li key={name}>
                  <a href={`#rf-${name}`}>
                    {LABELS[name] ?? name}: {text}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <p className="meta">Các mục có dấu * là bắt buộc.</p>

      <fieldset>
        <legend>Thông tin cơ sở</legend>
        <div className="field">
          <label htmlFor="rf-establishmentName">Tên cơ sở *</label>
          <input {...inputProps('establishmentName')} defaultValue={v('establishmentName')} required maxLength={200} autoComplete="organization" />
          {err('establishmentName')}
        </div>
        <div className="field">
          <label htmlFor="rf-establishmentType">Loại hình cơ sở *</label>
          <select {...inputProps('establishmentType')} defaultValue={v('establishmentType')} required onChange={(e) => setEstablishmentType(e.currentTarget.value)}>
            <option value="">— Chọn loại hình —</option>
            {vocabulary.establishmentTypes.map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
          {err('establishmentType')}
        </div>
        <div className="field">
          <label htmlFor="rf-taxCode">{taxRequired ? 'Mã số thuế *' : 'Mã số thuế (hộ kinh doanh có thể để trống)'}</label>
          <input {...inputProps('taxCode', true)} defaultValue={v('taxCode')} inputMode="numeric" maxLength={20} required={taxRequired} aria-required={taxRequired} />
          <p className="hint" id="rf-taxCode-hint">
            10 chữ số, hoặc 10 chữ số, dấu "-" và 3 chữ số với chi nhánh. Bắt buộc với mọi loại hình trừ hộ kinh doanh: hộ kinh doanh có thể để trống.
          </p>
          {err('taxCode')}
        </div>
        <div className="field">
          <label htmlFor="rf-craftVillage">Làng nghề (nếu có)</label>
          {/* The site's villages as choices; another name may be typed. */}
          <input {...inputProps('craftVillage')} defaultValue={v('craftVillage')} maxLength={200} list="rf-villages" autoComplete="off" />
          <datalist id="rf-villages">{villages.map((name) => <option key={name} value={name} />)}</datalist>
          {err('craftVillage')}
        </div>
        <div className="field">
          <label htmlFor="rf-province">Tỉnh, thành phố *</label>
          <select {...inputProps('province')} defaultValue={v('province')} required>
            <option value="">— Chọn tỉnh, thành phố —</option>
            {provinces.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name}
              </option>
            ))}
          </select>
          {err('province')}
        </div>
        <div className="field">
          <label htmlFor="rf-commune">Xã, phường, đặc khu *</label>
          <input {...inputProps('commune')} defaultValue={v('commune')} required maxLength={120} />
          {err('commune')}
        </div>
        <div className="field">
          <label htmlFor="rf-products">Sản phẩm trưng bày *</label>
          <textarea {...inputProps('products', true)} defaultValue={v('products')} required maxLength={2000} rows={3} />
          <p className="hint" id="rf-products-hint">
            Tên các sản phẩm sẽ trưng bày, ví dụ sản phẩm CNNT tiêu biểu hoặc OCOP của cơ sở.
          </p>
          {err('products')}
        </div>
      </fieldset>

      <fieldset>
        <legend>Người liên hệ</legend>
        <div className="field">
          <label htmlFor="rf-representative">Họ tên người đại diện *</label>
          <input {...inputProps('representative')} defaultValue={v('representative')} required maxLength={120} autoComplete="name" />
          {err('representative')}
        </div>
        <div className="field">
          <label htmlFor="rf-phone">Số điện thoại di động *</label>
          <input {...inputProps('phone', true)} defaultValue={v('phone')} required type="tel" inputMode="tel" maxLength={20} autoComplete="tel" />
          <p className="hint" id="rf-phone-hint">
            Ví dụ 0912 345 678. Dùng để tra cứu đơn và nhận tin nhắn.
          </p>
          {err('phone')}
        </div>
        <div className="field">
          <label htmlFor="rf-email">Email (không bắt buộc)</label>
          <input {...inputProps('email')} defaultValue={v('email')} type="email" maxLength={254} autoComplete="email" />
          {err('email')}
        </div>
      </fieldset>

      <fieldset>
        <legend>Gian hàng</legend>
        <div className="field">
          <label htmlFor="rf-boothTypeId">Loại gian hàng *</label>
          <select {...inputProps('boothTypeId')} ref={typeRef} defaultValue={v('boothTypeId') || (fair.boothTypes.length === 1 ? fair.boothTypes[0]?.id : '')} required>
            {/* A required select starts with an empty placeholder (HTML's rule), even when the one type is preselected. */}
            <option value="">— Chọn loại gian —</option>
            {fair.boothTypes.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
          {err('boothTypeId')}
        </div>
        <div className="field">
          <label htmlFor="rf-quantity">Số gian *</label>
          <input
            {...inputProps('quantity', true)}
            ref={quantityRef}
            defaultValue={v('quantity') || '1'}
            required
            type="number"
            min={1}
            max={fair.maxBoothsPerEstablishment}
            inputMode="numeric"
          />
          <p className="hint" id="rf-quantity-hint">
            Tối đa {fair.maxBoothsPerEstablishment} gian mỗi cơ sở.
          </p>
          {err('quantity')}
        </div>
        {choice && (
          <div className="field">
            <label htmlFor="rf-boothCodes">Gian chọn trên sơ đồ (không bắt buộc)</label>
            <input {...inputProps('boothCodes', true)} value={codes} onChange={(e) => setCodes(e.currentTarget.value)} maxLength={200} autoComplete="off" />
            <p className="hint" id="rf-boothCodes-hint">
              Mã gian cách nhau bằng dấu phẩy, ví dụ A05, A06 (xem sơ đồ ở trên; bấm vào gian còn trống trên sơ đồ để chọn). Gian đã có đơn giữ sẽ không nhận; hệ thống gợi ý các gian trống gần nhất. Để trống nếu muốn ban tổ chức bố trí.
            </p>
            {err('boothCodes')}
          </div>
        )}
        {fair.hasPlan && (
          <fieldset className="tags">
            <legend>Yêu cầu về gian (không bắt buộc)</legend>
            {vocabulary.boothTags.map(([id, label]) => (
              <div className="field check" key={id}>
                <input id={`rf-tag-${id}`} name="wantedTags" type="checkbox" value={id} defaultChecked={v('wantedTags').split(',').includes(id)} />
                <label htmlFor={`rf-tag-${id}`}>{label}</label>
              </div>
            ))}
            {err('wantedTags')}
          </fieldset>
        )}
        <div className="field check">
          <input {...inputProps('acceptFewer')} type="checkbox" value="on" defaultChecked={v('acceptFewer') === 'on'} />
          <label htmlFor="rf-acceptFewer">Nếu không đủ số gian, tôi nhận ít gian hơn</label>
          {err('acceptFewer')}
        </div>
        <div className="field check">
          <input {...inputProps('wantsSupport')} type="checkbox" value="on" defaultChecked={v('wantsSupport') === 'on'} />
          <label htmlFor="rf-wantsSupport">Đề nghị hỗ trợ kinh phí khuyến công tiền thuê gian</label>
          {err('wantsSupport')}
        </div>
        <div className="field">
          <label htmlFor="rf-notes">Ghi chú</label>
          <textarea {...inputProps('notes')} defaultValue={v('notes')} maxLength={2000} rows={2} />
          {err('notes')}
        </div>
      </fieldset>

      <fieldset>
        <legend>Dữ liệu cá nhân</legend>
        <div className="field check">
          <input {...inputProps('consent')} type="checkbox" value="on" required defaultChecked={v('consent') === 'on'} />
          <label htmlFor="rf-consent">{CONSENT_TEXT} *</label>
          {err('consent')}
        </div>
        <div className="field check">
          <input {...inputProps('directoryConsent')} type="checkbox" value="on" defaultChecked={v('directoryConsent') === 'on'} />
          <label htmlFor="rf-directoryConsent">{DIRECTORY_CONSENT_TEXT} (không bắt buộc)</label>
          {err('directoryConsent')}
        </div>
      </fieldset>

      <button type="submit" disabled={busy} aria-disabled={busy}>
        {busy ? 'Đang gửi…' : 'Gửi đăng ký'}
      </button>
    </form>
  );
}
