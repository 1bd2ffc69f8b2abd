/**
 * The contest entry form. Server-rendered it is a plain multipart form that works without
 * JavaScript (a row per photo with its angle, a file input per document, "Lưu bản nháp" and
 * "Gửi hồ sơ"); hydrated it checks each file before sending (type and size, the same rules the
 * server applies by content), shows photo previews (data: URLs — the site's CSP allows no
 * blob:), lets a file be removed, and sends with upload progress. Client-safe imports only.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ALLOWED_TYPES, FILE_KIND_LABELS, PHOTO_ANGLES, fileIssue, formatMB, sniffType, type Dossier, type FileKind } from '../../lib/entry-schema';
import { CNNT_GROUPS, ESTABLISHMENT_TYPES } from '../../lib/vocabulary';
import './registration.css';
import './entry.css';
import { PROVINCES } from '../../lib/provinces';

export interface ExistingFile {
  id: number;
  kind: string;
  kindLabel: string;
  angle: string | null;
  name: string;
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
  existing?: ExistingFile[];
  version?: number;
  consentText: string;
}

interface Picked {
  key: string;
  kind: FileKind;
  file: File;
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

export default function EntryForm(props: EntryFormProps) {
  const { dossier, values = {}, existing = [] } = props;
  const [enhanced, setEnhanced] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>(props.errors ?? {});
  const [message, setMessage] = useState<string | undefined>(props.message);
  const [picked, setPicked] = useState<Picked[]>([]);
  const [removed, setRemoved] = useState<number[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [type, setType] = useState(values['establishmentType'] ?? '');
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => setEnhanced(true), []);
  const v = (name: string) => values[name] ?? '';
  const describe = (name: string, hint?: boolean) => [hint ? `ef-${name}-hint` : null, errors[name] ? `ef-${name}-error` : null].filter(Boolean).join(' ') || undefined;
  const err = (name: string) => (errors[name] ? <p className="error" id={`ef-${name}-error`}>{errors[name]}</p> : null);
  const field = (name: string, hint?: boolean) => ({ id: `ef-${name}`, name, 'aria-invalid': errors[name] ? true : undefined, 'aria-describedby': describe(name, hint) });
  const taxRequired = type !== '' && type !== 'household';

  async function addFiles(kind: FileKind, list: FileList | null) {
    if (!list) return;
    const taken = new Set(picked.filter((p) => p.kind === 'photos').map((p) => p.angle));
    const next: Picked[] = [];
    for (const file of Array.from(list)) {
      const angle = PHOTO_ANGLES.find((a) => !taken.has(a.id))?.id ?? 'front';
      taken.add(angle);
      // The type by the file's first bytes, as the server decides it — never by its name.
      const type = sniffType(new Uint8Array(await file.slice(0, 16).arrayBuffer())) ?? 'unknown';
      const problem = fileIssue(dossier, { kind, type, bytes: file.size });
      next.push({ key: String(++seq), kind, file, angle, preview: kind === 'photos' && !problem ? await readPreview(file) : null, problem });
    }
    setPicked((p) => [...p, ...next]);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (progress !== null) return;
    const problems = picked.filter((p) => p.problem);
    if (problems.length) {
      setMessage(`Hãy bỏ hoặc thay ${String(problems.length)} tệp không hợp lệ trước khi gửi.`);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    const total = picked.reduce((s, p) => s + p.file.size, 0);
    if (total > dossier.maxTotalMB * 1024 * 1024) {
      setMessage(`Các tệp (${formatMB(total)}) vượt giới hạn ${String(dossier.maxTotalMB)} MB cho cả hồ sơ.`);
      return;
    }
    // A form's submit event is a SubmitEvent (React 18's types say Event): the button pressed is sent too.
    const form = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    for (const kind of ['photos', 'photoAngles', ...DOC_KINDS]) form.delete(kind);
    for (const p of picked) {
      if (p.kind === 'photos') form.append('photoAngles', p.angle);
      form.append(p.kind, p.file, p.file.name);
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
      setMessage('Không kết nối được tới máy chủ. Kiểm tra mạng rồi bấm gửi lại.');
    };
    xhr.onload = () => {
      setProgress(null);
      let body: { manageUrl?: string; message?: string; fields?: Record<string, string> } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: a proxy's page
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        window.location.assign(props.mode === 'new' && body.manageUrl ? `${body.manageUrl}?da-luu=1` : `${props.action}?da-luu=1`);
        return;
      }
      setErrors(body.fields ?? {});
      setMessage(body.message ?? `Không gửi được hồ sơ (mã ${String(xhr.status)}).`);
      requestAnimationFrame(() => summaryRef.current?.focus());
    };
    xhr.send(form);
  }

  const fieldErrors = Object.entries(errors);
  const photoRows = Math.min(dossier.maxPhotos, 6);
  const accept = (kind: FileKind) => ALLOWED_TYPES[kind].join(',');
  const existingPhotos = existing.filter((f) => f.kind === 'photos');
  const existingDocs = existing.filter((f) => f.kind !== 'photos');
  return (
    <form method="post" action={props.action} encType="multipart/form-data" noValidate onSubmit={(e) => onSubmit(e)} className="registration-form entry-form">
      <div ref={summaryRef} tabIndex={-1} role={fieldErrors.length || message ? 'alert' : undefined} className="form-summary">
        {message && <p className="notice danger">{message}</p>}
        {fieldErrors.length > 0 && (
          <div className="notice danger">
            <p><strong>Hồ sơ chưa lưu được, vui lòng sửa {fieldErrors.length} mục:</strong></p>
            <ul>{fieldErrors.map(([name, text]) => <li key={name}><a href={`#ef-${name.split('.')[0] ?? name}`}>{labelOf(name)}: {text}</a></li>)}</ul>
          </div>
        )}
      </div>
      {props.version !== undefined && <input type="hidden" name="version" value={String(props.version)} />}
      <p className="meta">Các mục có dấu * là bắt buộc khi gửi hồ sơ; bản nháp chỉ cần số điện thoại.</p>

      <fieldset>
        <legend>Cơ sở sản xuất</legend>
        <div className="field"><label htmlFor="ef-establishmentName">Tên cơ sở *</label><input {...field('establishmentName')} defaultValue={v('establishmentName')} maxLength={200} autoComplete="organization" />{err('establishmentName')}</div>
        <div className="field">
          <label htmlFor="ef-establishmentType">Loại hình cơ sở *</label>
          <select {...field('establishmentType')} defaultValue={v('establishmentType')} onChange={(e) => setType(e.currentTarget.value)}>
            <option value="">— Chọn loại hình —</option>
            {ESTABLISHMENT_TYPES.entries.map(([id, label]) => <option key={id} value={id}>{label}</option>)}
          </select>
          {err('establishmentType')}
        </div>
        <div className="field">
          <label htmlFor="ef-taxCode">{taxRequired ? 'Mã số thuế *' : 'Mã số thuế (hộ kinh doanh có thể để trống)'}</label>
          <input {...field('taxCode', true)} defaultValue={v('taxCode')} inputMode="numeric" maxLength={14} />
          <p className="hint" id="ef-taxCode-hint">10 chữ số, hoặc 10 chữ số, dấu "-" và 3 chữ số với chi nhánh.</p>
          {err('taxCode')}
        </div>
        <div className="field"><label htmlFor="ef-craftVillage">Làng nghề (nếu có)</label><input {...field('craftVillage')} defaultValue={v('craftVillage')} maxLength={200} />{err('craftVillage')}</div>
        <div className="field">
          <label htmlFor="ef-province">Tỉnh, thành phố *</label>
          <select {...field('province')} defaultValue={v('province')}>
            <option value="">— Chọn tỉnh, thành phố —</option>
            {[...PROVINCES].sort((a, b) => a.name.localeCompare(b.name, 'vi')).map((p) => <option key={p.slug} value={p.slug}>{p.name}</option>)}
          </select>
          {err('province')}
        </div>
        <div className="field"><label htmlFor="ef-commune">Xã, phường, đặc khu *</label><input {...field('commune')} defaultValue={v('commune')} maxLength={120} />{err('commune')}</div>
        <div className="field"><label htmlFor="ef-representative">Họ tên người đại diện *</label><input {...field('representative')} defaultValue={v('representative')} maxLength={120} autoComplete="name" />{err('representative')}</div>
        <div className="field">
          <label htmlFor="ef-phone">Số điện thoại di động *</label>
          <input {...field('phone', true)} defaultValue={v('phone')} type="tel" inputMode="tel" maxLength={20} autoComplete="tel" />
          <p className="hint" id="ef-phone-hint">Ví dụ 0912 345 678. Đường dẫn quản lý hồ sơ được gửi tới số này (hoặc email nếu có).</p>
          {err('phone')}
        </div>
        <div className="field"><label htmlFor="ef-email">Email (không bắt buộc)</label><input {...field('email')} defaultValue={v('email')} type="email" maxLength={254} autoComplete="email" />{err('email')}</div>
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
                <label>Góc chụp <select name="existingAngles" defaultValue={`${String(f.id)}:${f.angle ?? 'front'}`}>{PHOTO_ANGLES.map((a) => <option key={a.id} value={`${String(f.id)}:${a.id}`}>{a.label}</option>)}</select></label>
                <label className="check"><input type="checkbox" name="remove" value={String(f.id)} checked={removed.includes(f.id)} onChange={(e) => { const on = e.currentTarget.checked; setRemoved((r) => (on ? [...r, f.id] : r.filter((x) => x !== f.id))); }} /> Bỏ ảnh này</label>
              </li>
            ))}
          </ul>
        )}
        {enhanced ? (
          <>
            <ul className="picked">
              {picked.filter((p) => p.kind === 'photos').map((p) => (
                <li key={p.key}>
                  {p.preview && <img src={p.preview} alt={`Xem trước: ${p.file.name}`} width={96} />}
                  <span>{p.file.name} ({formatMB(p.file.size)})</span>
                  {p.problem && <span className="error" role="alert">{p.problem}</span>}
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
            <p key={f.id}>{f.name} ({formatMB(f.bytes)}) <label className="check"><input type="checkbox" name="remove" value={String(f.id)} /> Bỏ tệp này</label></p>
          ))}
          {enhanced ? (
            <>
              <ul className="picked">
                {picked.filter((p) => p.kind === kind).map((p) => (
                  <li key={p.key}>
                    <span>{p.file.name} ({formatMB(p.file.size)})</span>
                    {p.problem && <span className="error" role="alert">{p.problem}</span>}
                    <button type="button" onClick={() => setPicked((all) => all.filter((x) => x.key !== p.key))}>Bỏ tệp</button>
                  </li>
                ))}
              </ul>
              <label htmlFor={`ef-add-${kind}`}>Chọn tệp</label>
              <input id={`ef-add-${kind}`} type="file" accept={accept(kind)} multiple={kind === 'certificates'} onChange={(e) => { void addFiles(kind, e.currentTarget.files); e.currentTarget.value = ''; }} />
            </>
          ) : (
            Array.from({ length: kind === 'certificates' ? 3 : 1 }, (_, i) => (
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
