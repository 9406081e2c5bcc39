import { parse } from 'csv-parse/sync';
import { csvLine, spreadsheetSafe } from '../../src/common/csv';

describe('spreadsheetSafe (OWASP CSV injection)', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1:A9)', "'+SUM(A1:A9)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=1+1', "'\t=1+1"], // judged as written: no trim turns it into "=1+1"
    ['\r=1+1', "'\r=1+1"],
    [' =1+1', ' =1+1'],
    ['plain text', 'plain text'],
    ['', ''],
  ])('%j becomes %j', (cell, safe) => {
    expect(spreadsheetSafe(cell)).toBe(safe);
  });
});

describe('csvLine', () => {
  it('neutralises text cells for spreadsheets and leaves numbers, dates and JSON as they are', () => {
    const line = csvLine(['=HYPERLINK("x")', -3.5, new Date('2026-01-02T03:04:05Z'), { a: '=1' }, null, 'a,b'], { forSpreadsheets: true });
    expect(parse(line)).toEqual([['\'=HYPERLINK("x")', '-3.5', '2026-01-02T03:04:05.000Z', '{"a":"=1"}', '', 'a,b']]);
  });

  it('writes text exactly without the option (files meant to be read back by programs)', () => {
    expect(parse(csvLine(['=1+1', '\t-x']))).toEqual([['=1+1', '\t-x']]);
  });
});
