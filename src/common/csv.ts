/** One CSV line (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvLine(fields: ReadonlyArray<unknown>): string {
  return `${fields.map((f) => {
    const text = f === null || f === undefined ? '' : f instanceof Date ? f.toISOString() : typeof f === 'object' ? JSON.stringify(f) : String(f);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }).join(',')}\n`;
}
