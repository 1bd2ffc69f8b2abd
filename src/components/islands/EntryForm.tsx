/**
 * The contest entry form. Server-rendered it is a plain multipart form that works without
 * JavaScript (a row per photo with its angle, a file input per document, "Lưu bản nháp" and
 * "Gửi hồ sơ"); hydrated it checks each file before sending (type and size, the same rules the
 * server applies by content), shows photo previews (data: URLs — the site's CSP allows no
 * blob:), lets a file be removed, and sends with upload progress. Client-safe imports only.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ALLOWED_TYPES, FILE_KIND_LABELS, PHOTO_ANGLES, draftIssuesOf, fileIssue, formatMB, sniffType, submitIssuesOf, type Dossier, type FileFacts, type FileKind } from '../../lib/entry-schema';
import { CNNT_GROUPS } from '../../lib/vocabulary';
import type { ProvinceOption } from '../../lib/provinces';
import { ContactFields, EstablishmentFields, fieldKit } from './EstablishmentFields';
import './registration.css';
import './entry.css';

export interface ExistingFile {
  id: number;
  kind: string;
  kindLabel: string;
  angle: string | null;
  name: string;
  mime?: string;
  bytes: number;
  thumbUrl: string | null;
}

export interface EntryFormProps {
  /** Where the plain form posts (the page itself). */
  action: string;
  /** Where the enhanced form posts (multipart, same origin). */
  apiUrl: string;
  /** "new": answer has `manageUrl`; "edit": stay on the management page. */
  mode: 'new' | 'edit';
  dossier: Dossier;
  values?: Record<string, string>;
  errors?: Record<string, string>;
  message?: string | undefined;
  /** What the last post did ("Đã lưu bản nháp…"), shown until the next attempt. */
  notice?: string | undefined;
  existing?: ExistingFile[];
  provinces: readonly ProvinceOption[];
  establishmentTypes: readonly (readonly [string, string])[];
  /** The site's craft villages, offered for the craft village field. */
  villages: readonly string[];
  version?: number;
  consentText: string;
}

interface Picked {
  key: string;
  kind: FileKind;
  file: File;
  /** By the file's first bytes. */
  type: string;
  angle: string;
  preview: string | null;
  problem: string | null;
}

const DOC_KINDS: FileKind[] = ['businessRegistration', 'certificates', 'lowerLevelCertificate'];

const LABELS: Record<string, string> = {
  establishmentName: 'Tên cơ sở', establishmentType: 'Loại hình', taxCode: 'Mã số thuế', craftVillage: 'Làng nghề', representative: 'Người đại diện', phone: 'Điện thoại',
  email: 'Email', province: 'Tỉnh, thành phố', commune: 'Xã, phường', productName: 'Tên sản phẩm', cnntGroup: 'Nhóm sản phẩm', description: 'Mô tả', materials: 'Nguyên liệu',
  capacity: 'Năng lực', markets: 'Thị trường', priceRange: 'Giá', since: 'Năm bắt đầu', productPage: 'Trang sản phẩm', consent: 'Đồng ý', photos: 'Ảnh', businessRegistration: 'Giấy đăng ký',
  certificates: 'Giấy chứng nhận', lowerLevelCertificate: 'Chứng nhận cấp dưới', _files: 'Tệp', _: 'Hồ sơ',
};

const labelOf = (key: string) => {
  const [base, n] = key.split('.');
  const l = LABELS[base ?? ''] ?? (base === 'photoAngles' ? 'Góc chụp' : base ?? key);
  return n === undefined ? l : `${l} ${String(Number(n) + 1)}`;
};

let seq = 0;

function readPreview(file: File): Promise<string | null> {
  if (!file.type.startsWith('image/') || file.size > 15 * 1024 * 1024) return Promise.resolve(null);
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : null);
    reader.onerror = () => resolve(null);
    reader.readAsDataURL(file);
  });
}

/** The form's text fields as they stand (what would be sent). */
function currentFields(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of new FormData(form).entries()) if (typeof val === 'string' && !MULTI.has(k)) out[k] = val;
  return out;
}
const MULTI = new Set(['photoAngles', 'existingAngles', 'remove', 'submit', 'version']);

export default function EntryForm(props: EntryFormProps) {
  const { dossier, values = {}, existing = [] } = props;
  const [enhanced, setEnhanced] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>(props.errors ?? {});
  const [message, setMessage] = useState<string | undefined>(props.message);
  // The last save's notice: gone as soon as something else is tried (never beside an error).
  const [notice, setNotice] = useState<string | undefined>(props.notice);
  const [submitting, setSubmitting] = useState(false);
  // After a send was tried, the summary lists the refused files too (before, each shows at its row).
  const [attempted, setAttempted] = useState(false);
  const [picked, setPicked] = useState<Picked[]>([]);
  const [removed, setRemoved] = useState<number[]>([]);
  const [angles, setAngles] = useState<Record<number, string>>(() => Object.fromEntries(existing.map((f) => [f.id, f.angle ?? 'front'])));
  const [fields, setFields] = useState<Record<string, string>>(values);
  const [progress, setProgress] = useState<number | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => setEnhanced(true), []);
  const { props: field, err, v } = fieldKit('ef', values, errors);

  // The dossier as it would be sent: stored files not removed (with their angles now) and the
  // picked files nothing is wrong with. What the "still needed" box and the check before sending read.
  const facts: FileFacts[] = [
    ...existing.filter((f) => !removed.includes(f.id)).map((f) => ({ kind: f.kind as FileKind, type: f.mime ?? '', bytes: f.bytes, angle: f.kind === 'photos' ? angles[f.id] : undefined })),
    ...picked.filter((p) => !p.problem).map((p) => ({ kind: p.kind, type: p.type, bytes: p.file.size, angle: p.kind === 'photos' ? p.angle : undefined })),
  ];
  const stillNeeded = Object.values(submitIssuesOf(dossier, facts, fields));

  async function addFiles(kind: FileKind, list: FileList | null) {
    if (!list) return;
    const taken = new Set([...picked.filter((p) => p.kind === 'photos').map((p) => p.angle), ...Object.values(angles)]);
    const next: Picked[] = [];
    for (const file of Array.from(list)) {
      const angle = PHOTO_ANGLES.find((a) => !taken.has(a.id))?.id ?? 'front';
      taken.add(angle);
      // The type by the file's first bytes, as the server decides it — never by its name.
      const type = sniffType(new Uint8Array(await file.slice(0, 16).arrayBuffer())) ?? 'unknown';
      const problem = fileIssue(dossier, { kind, type, bytes: file.size });
      next.push({ key: String(++seq), kind, file, type, angle, preview: kind === 'photos' && !problem ? await readPreview(file) : null, problem });
    }
    setNotice(undefined);
    setPicked((p) => [...p, ...next]);
  }

  function refuse(fieldErrors: Record<string, string>, text?: string) {
    setErrors(fieldErrors);
    setMessage(text);
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (progress !== null) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const submit = submitter instanceof HTMLButtonElement && submitter.value === 'true';
    setSubmitting(submit);
    setAttempted(true);
    setNotice(undefined);
    const now = currentFields(event.currentTarget);
    setFields(now);
    // Every problem at once: the files refused before sending AND the fields (and, to submit,
    // what the dossier lacks) — the same rules the server applies.
    const issues = submit ? submitIssuesOf(dossier, facts, now) : draftIssuesOf(now);
    if (!submit) {
      const total = facts.reduce((s, f) => s + f.bytes, 0);
      if (total > dossier.maxTotalMB * 1024 * 1024) issues['_files'] = `Cả hồ sơ ${formatMB(total)} vượt giới hạn ${String(dossier.maxTotalMB)} MB.`;
    }
    if (Object.keys(issues).length || picked.some((p) => p.problem)) {
      refuse(issues);
      return;
    }
    // A form's submit event is a SubmitEvent (React 18's types say Event): the button pressed is sent too.
    const form = new FormData(event.currentTarget, submitter);
    for (const kind of ['photos', 'photoAngles', ...DOC_KINDS]) form.delete(kind);
    const sent: Record<string, string[]> = {};
    for (const p of picked) {
      if (p.kind === 'photos') form.append('photoAngles', p.angle);
      form.append(p.kind, p.file, p.file.name);
      (sent[p.kind] ??= []).push(p.key);
    }
    setErrors({});
    setMessage(undefined);
    setProgress(0);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', props.apiUrl);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => {
      setProgress(null);
      refuse({}, 'Không kết nối được tới máy chủ. Kiểm tra mạng rồi bấm gửi lại (các tệp đã chọn vẫn còn).');
    };
    xhr.onload = () => {
      setProgress(null);
      let body: { manageUrl?: string; status?: string; message?: string; fields?: Record<string, string> } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: a proxy's page
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        const done = body.status === 'submitted' ? 'da-gui' : 'da-luu';
        window.location.assign(props.mode === 'new' && body.manageUrl ? `${body.manageUrl}?${done}=1` : `${props.action}?${done}=1`);
        return;
      }
      // A refusal of a file sent ("photos.3") belongs to that file's row: it keeps its place and
      // the files nothing was wrong with stay chosen (nothing to choose again).
      const rest: Record<string, string> = {};
      const byKey: Record<string, string> = {};
      for (const [name, text] of Object.entries(body.fields ?? {})) {
        const [kind, n] = name.split('.');
        const key = n !== undefined ? sent[kind === 'photoAngles' ? 'photos' : (kind ?? '')]?.[Number(n)] : undefined;
        if (key) byKey[key] = text;
        else rest[name] = text;
      }
      if (Object.keys(byKey).length) setPicked((all) => all.map((p) => (byKey[p.key] ? { ...p, problem: byKey[p.key] ?? null, preview: null } : p)));
      refuse(rest, body.fields && Object.keys(body.fields).length ? undefined : (body.message ?? `Không gửi được hồ sơ (mã ${String(xhr.status)}).`));
    };
    xhr.send(form);
  }

  // The summary lists every problem: the fields' and each refused file's (linked to its row).
  const problems: { href: string; text: string }[] = [
    ...Object.entries(errors).map(([name, text]) => ({ href: `#ef-${name.split('.')[0] ?? name}`, text: `${labelOf(name)}: ${text}` })),
    ...picked.filter((p) => attempted && p.problem).map((p) => ({ href: `#ef-file-${p.key}`, text: `${p.kind === 'photos' ? 'Ảnh' : 'Tệp'} “${p.file.name}”: ${p.problem ?? ''}` })),
  ];
  const accept = (kind: FileKind) => ALLOWED_TYPES[kind].join(',');
  const existingPhotos = existing.filter((f) => f.kind === 'photos');
  const existingDocs = existing.filter((f) => f.kind !== 'photos');
  // Without JavaScript: as many slots as the contest's rules allow (the numbers the server checks), less what is stored.
  const photoRows = Math.max(0, dossier.maxPhotos - existingPhotos.length);
  const docRows = (kind: FileKind) => (kind === 'certificates' ? Math.max(0, dossier.maxCertificates - existingDocs.filter((f) => f.kind === kind).length) : 1);
  const track = (e: FormEvent<HTMLFormElement>) => {
    if (enhanced) setFields(currentFields(e.currentTarget));
  };
  return (
    <form method="post" action={props.action} encType="multipart/form-data" noValidate onSubmit={(e) => onSubmit(e)} onChange={track} onInput={track} className="registration-form entry-form">
      <div ref={summaryRef} tabIndex={-1} role={problems.length || message ? 'alert' : undefined} className="form-summary">
        {message && <p className="notice danger">{message}</p>}
        {problems.length > 0 && (
          <div className="notice danger">
            <p><strong>Hồ sơ chưa {submitting ? 'gửi' : 'lưu'} được, vui lòng sửa {problems.length} mục:</strong></p>
            <ul>{problems.map((p) => <li key={p.href + p.text}><a href={p.href}>{p.text}</a></li>)}</ul>
          </div>
        )}
      </div>
      <div role="status">{notice && !problems.length && !message && <p className="notice">{notice}</p>}</div>
      {props.mode === 'edit' && (
        <div className="notice still-needed">
          {stillNeeded.length ? (
            <>
              <p>Để gửi hồ sơ còn cần:</p>
              <ul>{stillNeeded.map((m) => <li key={m}>{m}</li>)}</ul>
            </>
          ) : (
            <p>Hồ sơ đã đủ các mục để gửi: bấm “Gửi hồ sơ”.</p>
          )}
        </div>
      )}
      {props.version !== undefined && <input type="hidden" name="version" value={String(props.version)} />}
      <p className="meta">Các mục có dấu * là bắt buộc khi gửi hồ sơ; bản nháp chỉ cần số điện thoại.</p>

      <fieldset>
        <legend>Cơ sở sản xuất</legend>
        <EstablishmentFields prefix="ef" values={values} errors={errors} provinces={props.provinces} establishmentTypes={props.establishmentTypes} villages={props.villages} required={false} />
        <ContactFields prefix="ef" values={values} errors={errors} required={false} phoneHint="Ví dụ 0912 345 678. Đường dẫn quản lý hồ sơ được gửi tới số này (hoặc email nếu có)." />
      </fieldset>

      <fieldset>
        <legend>Sản phẩm dự thi</legend>
        <div className="field"><label htmlFor="ef-productName">Tên sản phẩm *</label><input {...field('productName')} defaultValue={v('productName')} maxLength={200} />{err('productName')}</div>
        <div className="field">
          <label htmlFor="ef-cnntGroup">Nhóm sản phẩm *</label>
          <select {...field('cnntGroup')} defaultValue={v('cnntGroup')}>
            <option value="">— Chọn nhóm —</option>
            {CNNT_GROUPS.entries.map(([id, label]) => <option key={id} value={id}>{label}</option>)}
          </select>
          {err('cnntGroup')}
        </div>
        <div className="field"><label htmlFor="ef-description">Mô tả sản phẩm *</label><textarea {...field('description', true)} defaultValue={v('description')} rows={5} maxLength={5000} /><p className="hint" id="ef-description-hint">Đặc điểm, công dụng, điểm khác biệt (ít nhất 20 ký tự).</p>{err('description')}</div>
        <div className="field"><label htmlFor="ef-materials">Nguyên liệu và quy trình sản xuất</label><textarea {...field('materials')} defaultValue={v('materials')} rows={3} maxLength={5000} />{err('materials')}</div>
        <div className="field"><label htmlFor="ef-capacity">Năng lực sản xuất hằng năm</label><input {...field('capacity')} defaultValue={v('capacity')} maxLength={300} />{err('capacity')}</div>
        <div className="field"><label htmlFor="ef-markets">Thị trường tiêu thụ</label><textarea {...field('markets')} defaultValue={v('markets')} rows={2} maxLength={1000} />{err('markets')}</div>
        <div className="field"><label htmlFor="ef-priceRange">Khoảng giá</label><input {...field('priceRange')} defaultValue={v('priceRange')} maxLength={200} />{err('priceRange')}</div>
        <div className="field"><label htmlFor="ef-since">Sản xuất từ năm</label><input {...field('since')} defaultValue={v('since')} inputMode="numeric" maxLength={4} />{err('since')}</div>
        <div className="field"><label htmlFor="ef-productPage">Liên kết trang sản phẩm hiện có (nếu có)</label><input {...field('productPage')} defaultValue={v('productPage')} type="url" maxLength={500} />{err('productPage')}</div>
      </fieldset>

      <fieldset id="ef-photos" tabIndex={-1}>
        <legend>Ảnh sản phẩm *</legend>
        <p className="hint">Ít nhất {dossier.minPhotos} ảnh màu chụp từ {dossier.minAngles} góc khác nhau, tối đa {dossier.maxPhotos} ảnh; JPEG, PNG hoặc WebP, mỗi tệp tối đa {dossier.maxFileMB} MB, cả hồ sơ tối đa {dossier.maxTotalMB} MB. Vị trí GPS và thông tin máy chụp trong ảnh được xóa khi lưu.</p>
        {err('photos')}
        {existingPhotos.length > 0 && (
          <ul className="existing">
            {existingPhotos.map((f) => (
              <li key={f.id}>
                {f.thumbUrl && <img src={f.thumbUrl} alt={`Ảnh đã gửi: ${f.name}`} width={96} />}
                <span>{f.name}</span>
                <label>Góc chụp <select name="existingAngles" defaultValue={`${String(f.id)}:${f.angle ?? 'front'}`} onChange={(e) => { const angle = e.currentTarget.value.split(':')[1] ?? 'front'; setAngles((a) => ({ ...a, [f.id]: angle })); }}>{PHOTO_ANGLES.map((a) => <option key={a.id} value={`${String(f.id)}:${a.id}`}>{a.label}</option>)}</select></label>
                <label className="check"><input type="checkbox" name="remove" value={String(f.id)} checked={removed.includes(f.id)} onChange={(e) => { const on = e.currentTarget.checked; setRemoved((r) => (on ? [...r, f.id] : r.filter((x) => x !== f.id))); }} /> Bỏ ảnh này</label>
              </li>
            ))}
          </ul>
        )}
        {enhanced ? (
          <>
            <ul className="picked">
              {picked.filter((p) => p.kind === 'photos').map((p) => (
                <li key={p.key} id={`ef-file-${p.key}`} tabIndex={-1}>
                  {p.preview && <img src={p.preview} alt={`Xem trước: ${p.file.name}`} width={96} />}
                  <span>{p.file.name} ({formatMB(p.file.size)})</span>
                  {p.problem && <span className="error">{p.problem}</span>}
                  <label>Góc chụp <select value={p.angle} onChange={(e) => { const angle = e.currentTarget.value; setPicked((all) => all.map((x) => (x.key === p.key ? { ...x, angle } : x))); }}>{PHOTO_ANGLES.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}</select></label>
                  <button type="button" onClick={() => setPicked((all) => all.filter((x) => x.key !== p.key))}>Bỏ ảnh</button>
                </li>
              ))}
            </ul>
            <label htmlFor="ef-add-photos">Thêm ảnh (chọn một hoặc nhiều ảnh)</label>
            <input id="ef-add-photos" type="file" accept={accept('photos')} multiple onChange={(e) => { void addFiles('photos', e.currentTarget.files); e.currentTarget.value = ''; }} />
          </>
        ) : (
          Array.from({ length: photoRows }, (_, i) => (
            <div className="photo-row" key={i}>
              <label htmlFor={`ef-photo-${String(i)}`}>Ảnh {i + 1}</label>
              <input id={`ef-photo-${String(i)}`} type="file" name="photos" accept={accept('photos')} />
              <label htmlFor={`ef-angle-${String(i)}`}>Góc chụp ảnh {i + 1}</label>
              <select id={`ef-angle-${String(i)}`} name="photoAngles" defaultValue={PHOTO_ANGLES[i % PHOTO_ANGLES.length]?.id}>{PHOTO_ANGLES.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}</select>
              {err(`photos.${String(i)}`)}{err(`photoAngles.${String(i)}`)}
            </div>
          ))
        )}
      </fieldset>

      {DOC_KINDS.filter((k) => k !== 'lowerLevelCertificate' || dossier.lowerLevelCertificate).map((kind) => (
        <fieldset key={kind} id={`ef-${kind}`} tabIndex={-1}>
          <legend>{FILE_KIND_LABELS[kind]}{kind === 'certificates' ? ' (nếu có)' : ' *'}</legend>
          <p className="hint">PDF, JPEG hoặc PNG, tối đa {dossier.maxFileMB} MB{kind === 'certificates' ? `, tối đa ${String(dossier.maxCertificates)} tệp` : ''}.</p>
          {err(kind)}
          {existingDocs.filter((f) => f.kind === kind).map((f) => (
            <p key={f.id}>{f.name} ({formatMB(f.bytes)}) <label className="check"><input type="checkbox" name="remove" value={String(f.id)} checked={removed.includes(f.id)} onChange={(e) => { const on = e.currentTarget.checked; setRemoved((r) => (on ? [...r, f.id] : r.filter((x) => x !== f.id))); }} /> Bỏ tệp này</label></p>
          ))}
          {enhanced ? (
            <>
              <ul className="picked">
                {picked.filter((p) => p.kind === kind).map((p) => (
                  <li key={p.key} id={`ef-file-${p.key}`} tabIndex={-1}>
                    <span>{p.file.name} ({formatMB(p.file.size)})</span>
                    {p.problem && <span className="error">{p.problem}</span>}
                    <button type="button" onClick={() => setPicked((all) => all.filter((x) => x.key !== p.key))}>Bỏ tệp</button>
                  </li>
                ))}
              </ul>
              <label htmlFor={`ef-add-${kind}`}>Chọn tệp</label>
              <input id={`ef-add-${kind}`} type="file" accept={accept(kind)} multiple={kind === 'certificates'} onChange={(e) => { void addFiles(kind, e.currentTarget.files); e.currentTarget.value = ''; }} />
            </>
          ) : (
            Array.from({ length: docRows(kind) }, (_, i) => (
              <div key={i}>
                <label htmlFor={`ef-${kind}-${String(i)}`}>{kind === 'certificates' ? `Tệp ${String(i + 1)}` : 'Tệp'}</label>
                <input id={`ef-${kind}-${String(i)}`} type="file" name={kind} accept={accept(kind)} />
                {err(`${kind}.${String(i)}`)}
              </div>
            ))
          )}
        </fieldset>
      ))}

      <fieldset>
        <legend>Dữ liệu cá nhân</legend>
        <label className="check" htmlFor="ef-consent"><input {...field('consent')} type="checkbox" defaultChecked={v('consent') === 'on'} /> {props.consentText} *</label>
        {err('consent')}
      </fieldset>

      {progress !== null && (
        <p role="status">
          <label htmlFor="ef-progress">Đang tải lên: {progress}%</label> <progress id="ef-progress" max={100} value={progress}>{progress}%</progress>
        </p>
      )}
      <div className="actions">
        <button type="submit" name="submit" value="false" disabled={progress !== null}>Lưu bản nháp</button>
        <button type="submit" name="submit" value="true" disabled={progress !== null}>Gửi hồ sơ</button>
      </div>
    </form>
  );
}
