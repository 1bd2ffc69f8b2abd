/**
 * The establishment's fields — who applies — as the contest entry form shows them (the schema,
 * `src/lib/establishment-schema.ts`, is booth registration's too; the booth form keeps its own
 * markup for now: sharing this chunk put the fair page over its JavaScript budget): name, type, tax
 * code (required for every type but households: the mark follows the chosen type), craft village
 * (the site's villages offered in a datalist, another name may be typed; the server reads a typed
 * village as the site names it), province and commune;
 * and the contact: representative, mobile phone, email. Each message sits under its field, tied
 * with aria-describedby. Labels come as props (the islands' bundles carry no vocabulary tables).
 */
import { useState, type ReactElement } from 'react';
import type { ProvinceOption } from '~/lib/provinces';

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

/** A form's field helpers: the input's id, name, aria-invalid and aria-describedby; its message; its value; a labelled row. */
export interface FieldKit {
  props: (name: string, hint?: boolean) => { id: string; name: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };
  err: (name: string) => ReactElement | null;
  v: (name: string) => string;
  /** A field's row: its label, the control, its hint (tied by id) and its message. */
  row: (name: string, label: string, control: ReactElement, hint?: string) => ReactElement;
}

export function fieldKit(prefix: string, values: Record<string, string>, errors: Record<string, string>): FieldKit {
  const describe = (name: string, hint?: boolean) => [hint ? `${prefix}-${name}-hint` : null, errors[name] ? `${prefix}-${name}-error` : null].filter(Boolean).join(' ') || undefined;
  const err = (name: string) => (errors[name] ? <p className="error" id={`${prefix}-${name}-error`}>{errors[name]}</p> : null);
  return {
    props: (name, hint) => ({ id: `${prefix}-${name}`, name, 'aria-invalid': errors[name] ? true : undefined, 'aria-describedby': describe(name, hint) }),
    err,
    v: (name) => values[name] ?? '',
    row: (name, label, control, hint) => (
      <div className="field">
        <label htmlFor={`${prefix}-${name}`}>{label}</label>
        {control}
        {hint && <p className="hint" id={`${prefix}-${name}-hint`}>{hint}</p>}
        {err(name)}
      </div>
    ),
  };
}

/** Name, type, tax code, craft village, province, commune. */
export function EstablishmentFields({ prefix, values, errors, provinces, establishmentTypes, villages, required }: EstablishmentFieldsProps) {
  const { props, v, row } = fieldKit(prefix, values, errors);
  // On the server: the posted type, or none yet (then the tax code reads as required).
  const [type, setType] = useState(v('establishmentType'));
  const taxRequired = type !== 'household';
  const text = (name: string, max: number, extra?: object) => <input {...props(name, name === 'taxCode' || (name === 'craftVillage' && villages.length > 0))} defaultValue={v(name)} required={required} maxLength={max} {...extra} />;
  const choose = (name: string, empty: string, options: readonly (readonly [string, string])[], onChange?: (value: string) => void) => (
    <select {...props(name)} defaultValue={v(name)} required={required} onChange={onChange && ((e) => onChange(e.currentTarget.value))}>
      <option value="">{empty}</option>
      {options.map(([id, label]) => <option key={id} value={id}>{label}</option>)}
    </select>
  );
  return (
    <>
      {row('establishmentName', 'Tên cơ sở *', text('establishmentName', 200, { autoComplete: 'organization' }))}
      {row('establishmentType', 'Loại hình cơ sở *', choose('establishmentType', '— Chọn loại hình —', establishmentTypes, setType))}
      {row(
        'taxCode',
        taxRequired ? 'Mã số thuế *' : 'Mã số thuế (hộ kinh doanh có thể để trống)',
        text('taxCode', 20, { inputMode: 'numeric', required: required && taxRequired, 'aria-required': taxRequired }),
        '10 chữ số, hoặc 10 chữ số, dấu "-" và 3 chữ số với chi nhánh. Bắt buộc với mọi loại hình trừ hộ kinh doanh: hộ kinh doanh có thể để trống.',
      )}
      {row(
        'craftVillage',
        'Làng nghề (nếu có)',
        <>
          {text('craftVillage', 200, { required: false, autoComplete: 'off', list: villages.length ? `${prefix}-villages` : undefined })}
          {villages.length > 0 && <datalist id={`${prefix}-villages`}>{villages.map((name) => <option key={name} value={name} />)}</datalist>}
        </>,
        villages.length ? 'Chọn trong danh sách làng nghề của cổng thông tin, hoặc gõ tên làng nghề khác.' : undefined,
      )}
      {row('province', 'Tỉnh, thành phố *', choose('province', '— Chọn tỉnh, thành phố —', provinces.map((p) => [p.slug, p.name] as const)))}
      {row('commune', 'Xã, phường, đặc khu *', text('commune', 120))}
    </>
  );
}

/** Representative, mobile phone (with what it is used for), email. */
export function ContactFields({ prefix, values, errors, required, phoneHint }: Pick<EstablishmentFieldsProps, 'prefix' | 'values' | 'errors' | 'required'> & { phoneHint: string }) {
  const { props, v, row } = fieldKit(prefix, values, errors);
  return (
    <>
      {row('representative', 'Họ tên người đại diện *', <input {...props('representative')} defaultValue={v('representative')} required={required} maxLength={120} autoComplete="name" />)}
      {row('phone', 'Số điện thoại di động *', <input {...props('phone', true)} defaultValue={v('phone')} required={required} type="tel" inputMode="tel" maxLength={20} autoComplete="tel" />, phoneHint)}
      {row('email', 'Email (không bắt buộc)', <input {...props('email')} defaultValue={v('email')} type="email" maxLength={254} autoComplete="email" />)}
    </>
  );
}
