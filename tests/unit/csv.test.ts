/** The site's one CSV writer (src/lib/server/csv.ts), table-driven. */
import { describe, expect, it } from 'vitest';
import { csvCell, looksLikeFormula, toCsv } from '../../src/lib/server/csv';

describe('formula neutralisation', () => {
  it.each([
    ['=1+1', true],
    ['+84912345678', true],
    ['-2', true],
    ['@SUM(A1)', true],
    ['\tcmd', true],
    ['\rcmd', true],
    ["'=already", false],
    ['Hợp tác xã', false],
    [' =1', false],
  ] as const)('%j looks like a formula: %s', (text, formula) => {
    expect(looksLikeFormula(text)).toBe(formula);
  });
});

describe('cells', () => {
  it.each([
    // value, minimal quoting, every text cell quoted
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`, `"'=HYPERLINK(""x"")"`],
    ['@cmd', "'@cmd", `"'@cmd"`],
    ['Hợp tác xã', 'Hợp tác xã', '"Hợp tác xã"'],
    ['a;b', '"a;b"', '"a;b"'],
    ['dòng 1\ndòng 2', '"dòng 1\ndòng 2"', '"dòng 1\ndòng 2"'],
    [' lề', '" lề"', '" lề"'],
    ['', '', '""'],
    [null, '', ''],
    [undefined, '', ''],
    [true, 'Có', 'Có'],
    [false, 'Không', 'Không'],
    [-1.5, '-1.5', '-1.5'], // numbers are ours: never neutralised, never quoted
    [73.17, '73.17', '73.17'],
    [Number.NaN, '', ''],
  ] as const)('%j → %j / %j', (value, minimal, quoted) => {
    expect(csvCell(value)).toBe(minimal);
    expect(csvCell(value, { quoteText: true })).toBe(quoted);
  });
});

describe('documents', () => {
  it('start with a BOM, end every line with CRLF, render booleans once', () => {
    expect(toCsv(['Tên', 'Hỗ trợ'], [['HTX Chè', true], ['=cmd', false]])).toBe("\uFEFFTên,Hỗ trợ\r\nHTX Chè,Có\r\n'=cmd,Không\r\n");
    expect(toCsv(['Hạng'], [[1]], { quoteText: true })).toBe('\uFEFF"Hạng"\r\n1\r\n');
  });
});
