// What goes into a cell of an exported CSV, so that a spreadsheet opening it never runs a formula from our
// data (OWASP "CSV Injection"). Pure.
//
// Excel, LibreOffice and Google Sheets evaluate a cell that starts with = + - or @, and a leading tab, CR
// or LF is a way in too. Some importers drop leading spaces or invisible characters first (LibreOffice's
// "trim spaces"), and CJK input setups turn full-width ＝＋－＠ into formulas, so those are looked
// through and counted as well. Such a text cell gets a leading apostrophe: it shows, and the value
// stays text everywhere. Line breaks inside a text cell become spaces: the register is one line per
// invoice, and no line of the file can start with something a line-based tool would evaluate.
// Numbers we format ourselves (amounts, percentages) are written as they are, so a negative amount stays
// a number ("-1234.50"); anything else in a number column is treated as text.

const LINE_BREAKS = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g;
const FORMULA_START = /^[\s\p{Cc}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;
const LEADING_CONTROL = /^[\t\r\n]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** A text value as a cell: on one line, and prefixed with "'" when a spreadsheet would evaluate it. */
export function textCell(value: string): string {
  const oneLine = value.replace(LINE_BREAKS, " ");
  return LEADING_CONTROL.test(value) || FORMULA_START.test(oneLine) ? `'${oneLine}` : oneLine;
}

/** A number we formatted ("1234.50", "-0.05", "21"): as it is. Anything else is text. */
export function numberCell(value: string): string {
  return PLAIN_NUMBER.test(value) ? value : textCell(value);
}
