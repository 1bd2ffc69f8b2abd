/**
 * Text for SMS, as the network carries it. Pure rules, table-tested.
 *
 * A message in the GSM 7-bit alphabet fits 160 characters (153 per part when concatenated); any
 * other character — every Vietnamese letter with a diacritic — makes the whole message UCS-2:
 * 70 characters (67 per part). Vietnamese SMS-brandname providers often require unaccented
 * text (and price per part), so `SMS_UNACCENTED=true` (the default) sends "Ma xac minh" for
 * "Mã xác minh". Texts written for SMS stay within two parts (`MAX_SMS_PARTS`).
 */

/** The GSM 03.38 default alphabet (basic table), one character each. */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ ÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters of the extension table: two septets each (escape + char). */
const GSM_EXTENDED = '^{}\\[~]|€\f';

export const MAX_SMS_PARTS = 2;

/** Typographic characters an unaccented SMS replaces with plain ones. */
const PLAIN: Record<string, string> = {
  '–': '-', '—': '-', '‘': "'", '’': "'", '“': '"', '”': '"', '…': '...', '•': '-', '·': '-', '\u00a0': ' ', '×': 'x', '₫': 'd',
};

/** Vietnamese (and other Latin) letters without their marks: "Đắk Lắk" → "Dak Lak". Case kept. */
export function unaccent(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[–—‘’“”…•·\u00a0×₫]/g, (c) => PLAIN[c] ?? c)
    .normalize('NFC');
}

/** Septets `text` takes in the GSM 7-bit alphabet, or null when it needs UCS-2. */
export function gsmSeptets(text: string): number | null {
  let n = 0;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) n += 1;
    else if (GSM_EXTENDED.includes(ch)) n += 2;
    else return null;
  }
  return n;
}

export interface SmsShape {
  encoding: 'gsm7' | 'ucs2';
  /** Characters (GSM septets, or UTF-16 units for UCS-2). */
  length: number;
  parts: number;
}

/** How `text` travels: its alphabet, its length in that alphabet and how many parts it needs. */
export function smsShape(text: string): SmsShape {
  const septets = gsmSeptets(text);
  if (septets !== null) return { encoding: 'gsm7', length: septets, parts: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  return { encoding: 'ucs2', length: text.length, parts: text.length <= 70 ? 1 : Math.ceil(text.length / 67) };
}

/** The text as sent: unaccented (and typographic characters made plain) when the provider needs it, spaces tidied. */
export function smsText(text: string, options: { unaccented: boolean }): string {
  const t = text.replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').trim();
  return options.unaccented ? unaccent(t) : t;
}

/**
 * The text split into the parts of a concatenated SMS (never inside a surrogate pair or a GSM
 * escape pair). One part when it fits.
 */
export function smsParts(text: string): string[] {
  const shape = smsShape(text);
  if (shape.parts === 1) return [text];
  const perPart = shape.encoding === 'gsm7' ? 153 : 67;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of text) {
    const w = shape.encoding === 'gsm7' ? (GSM_EXTENDED.includes(ch) ? 2 : 1) : ch.length;
    if (size + w > perPart) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += w;
  }
  if (current) parts.push(current);
  return parts;
}
