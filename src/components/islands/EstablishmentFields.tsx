/**
 * The establishment's fields — who applies — as booth registration and contest entries both
 * show them (one schema, `src/lib/establishment-schema.ts`; one markup, here): name, type, tax
 * code (required for every type but households: the mark follows the chosen type), craft village
 * (the site's villages offered in a datalist, another name may be typed), province and commune;
 * and the contact: representative, mobile phone, email. Each message sits under its field, tied
 * with aria-describedby. Labels come as props (the islands' bundles carry no vocabulary tables).
 */
import { useState } from 'react';
import type { ProvinceOption } from '~/lib/provinces';
import { canonicalVillage } from '~/lib/craft-village';

export interface EstablishmentFieldsProps {
  /** Id prefix of the form ("rf", "ef"): ids are `<prefix>-<field>`. */
  prefix: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  provinces: readonly ProvinceOption[];
  establishmentTypes: readonly (readonly [string, string])[];
  /** The site's craft villages (names), offered as choices; empty = a plain text field. */
  villages: readonly string[];
  /** Marks fields `required` (booth registration); a draft-first form leaves them unmarked in HTML. */
  required: boolean;
}

interface FieldKit {
  props: (name: string, hint?: boolean) => { id: string; name: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };
  err: (name: string) => React.JSX.Element | null;
  v: (name: string) => string;
}

function kit(prefix: string, values: Record<string, string>, errors: Record<string, string>): FieldKit {
  const describe = (name: string, hint?: boolean) => [hint ? `${prefix}-${name}-hint` : null, errors[name] ? `${prefix}-${name}-error` : null].filter(Boolean).join(' ') || undefined;
  return {
    props: (name, hint) => ({ id: `${prefix}-${name}`, name, 'aria-invalid': errors[name] ? true : undefined, 'aria-describedby': describe(name, hint) }),
    err: (name) => (errors[name] ? <p className="error" id={`${prefix}-${name}-error`}>{errors[name]}</p> : null),
    v: (name) => values[name] ?? '',
  };
}

/** Name, type, tax code, craft village, province, commune. */
export function EstablishmentFields({ prefix, values, errors, provinces, establishmentTypes, villages, required }: EstablishmentFieldsProps) {
  const { props, err, v } = kit(prefix, values, errors);
  // On the server: the posted type, or none yet (then the tax code reads as required).
  const [type, setType] = useState(v('establishmentType'));
  const taxRequired = type !== 'household';
  return (
    <>
      <div className="field">
        <label htmlFor={`${prefix}-establishmentName`}>Tên cơ sở *</label>
        <input {...props('establishmentName')} defaultValue={v('establishmentName')} required={required} maxLength={200} autoComplete="organization" />
        {err('establishmentName')}
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-establishmentType`}>Loại hình cơ sở *</label>
        <select {...props('establishmentType')} defaultValue={v('establishmentType')} required={required} onChange={(e) => setType(e.currentTarget.value)}>
          <option value="">— Chọn loại hình —</option>
          {establishmentTypes.map(([id, label]) => <option key={id} value={id}>{label}</option>)}
        </select>
        {err('establishmentType')}
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-taxCode`}>{taxRequired ? 'Mã số thuế *' : 'Mã số thuế (hộ kinh doanh có thể để trống)'}</label>
        <input {...props('taxCode', true)} defaultValue={v('taxCode')} inputMode="numeric" maxLength={20} required={required && taxRequired} aria-required={taxRequired} />
        <p className="hint" id={`${prefix}-taxCode-hint`}>10 chữ số, hoặc 10 chữ số, dấu "-" và 3 chữ số với chi nhánh. Bắt buộc với mọi loại hình trừ hộ kinh doanh: hộ kinh doanh có thể để trống.</p>
        {err('taxCode')}
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-craftVillage`}>Làng nghề (nếu có)</label>
        <input {...props('craftVillage', villages.length > 0)} defaultValue={v('craftVillage')} maxLength={200} list={villages.length ? `${prefix}-villages` : undefined} autoComplete="off" onBlur={(e) => { const el = e.currentTarget; const name = canonicalVillage(el.value, villages); if (name !== el.value) el.value = name; }} />
        {villages.length > 0 && (
          <>
            <datalist id={`${prefix}-villages`}>{villages.map((name) => <option key={name} value={name} />)}</datalist>
            <p className="hint" id={`${prefix}-craftVillage-hint`}>Chọn trong danh sách làng nghề của cổng thông tin, hoặc gõ tên làng nghề khác.</p>
          </>
        )}
        {err('craftVillage')}
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-province`}>Tỉnh, thành phố *</label>
        <select {...props('province')} defaultValue={v('province')} required={required}>
          <option value="">— Chọn tỉnh, thành phố —</option>
          {provinces.map((p) => <option key={p.slug} value={p.slug}>{p.name}</option>)}
        </select>
        {err('province')}
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-commune`}>Xã, phường, đặc khu *</label>
        <input {...props('commune')} defaultValue={v('commune')} required={required} maxLength={120} />
        {err('commune')}
      </div>
    </>
  );
}

/** Representative, mobile phone (with what it is used for), email. */
export function ContactFields({ prefix, values, errors, required, phoneHint }: Pick<EstablishmentFieldsProps, 'prefix' | 'values' | 'errors' | 'required'> & { phoneHint: string }) {
  const { props, err, v } = kit(prefix, values, errors);
  return (
    <>
      <div className="field">
        <label htmlFor={`${prefix}-representative`}>Họ tên người đại diện *</label>
        <input {...props('representative')} defaultValue={v('representative')} required={required} maxLength={120} autoComplete="name" />
        {err('representative')}
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-phone`}>Số điện thoại di động *</label>
        <input {...props('phone', true)} defaultValue={v('phone')} required={required} type="tel" inputMode="tel" maxLength={20} autoComplete="tel" />
        <p className="hint" id={`${prefix}-phone-hint`}>{phoneHint}</p>
        {err('phone')}
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-email`}>Email (không bắt buộc)</label>
        <input {...props('email')} defaultValue={v('email')} type="email" maxLength={254} autoComplete="email" />
        {err('email')}
      </div>
    </>
  );
}
