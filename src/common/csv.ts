/**
 * Characters that make a spreadsheet read a cell as a formula (or, for tab and carriage return,
 * that some spreadsheets strip before reading it as one): OWASP's "CSV injection" list.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell made safe to open in a spreadsheet, as OWASP advises: a cell starting with `=`, `+`,
 * `-`, `@`, tab or carriage return gets a leading apostrophe, so it is shown as text and never
 * run. The first character is judged as written: nothing is trimmed first ("\t=1+1" is caught).
 */
export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One CSV line (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled.
 * With `forSpreadsheets`, text fields are neutralised by `spreadsheetSafe` (numbers, dates and
 * JSON objects cannot start a formula and are written as they are).
 */
export function csvLine(fields: ReadonlyArray<unknown>, opts: { forSpreadsheets?: boolean } = {}): string {
  return `${fields
    .map((f) => {
      let text =
        f === null || f === undefined ? '' : f instanceof Date ? f.toISOString() : typeof f === 'object' ? JSON.stringify(f) : String(f);
      if (opts.forSpreadsheets && typeof f === 'string') text = spreadsheetSafe(text);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',')}\n`;
}
