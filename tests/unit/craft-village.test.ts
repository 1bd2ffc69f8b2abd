/**
 * The craft village field: a name typed that is one of the site's villages is read as the site
 * names it (the forms' datalist, the entry intake); any other name is kept as typed.
 */
import { describe, expect, it } from 'vitest';
import { canonicalVillage } from '~/lib/craft-village';

const NAMES = ['Làng gốm Thanh Hà', 'Làng nghề mây tre đan Phú Vinh', 'Làng lụa Mã Châu'];

describe('canonicalVillage', () => {
  it.each([
    ['Làng gốm Thanh Hà', 'Làng gốm Thanh Hà'],
    ['lang gom thanh ha', 'Làng gốm Thanh Hà'],
    ['  Gốm Thanh Hà ', 'Làng gốm Thanh Hà'],
    ['LÀNG NGHỀ MÂY TRE ĐAN PHÚ VINH', 'Làng nghề mây tre đan Phú Vinh'],
    ['mây tre đan Phú Vinh', 'Làng nghề mây tre đan Phú Vinh'],
    ['Làng nghề lụa Mã Châu', 'Làng lụa Mã Châu'],
    ['Làng nghề chè Tân Cương', 'Làng nghề chè Tân Cương'],
    ['  Làng rèn Phúc Sen ', 'Làng rèn Phúc Sen'],
    ['', ''],
  ])('%j → %j', (typed, expected) => {
    expect(canonicalVillage(typed, NAMES)).toBe(expected);
  });
});
