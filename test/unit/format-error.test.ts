import { GraphQLError } from 'graphql';
import { BadUserInputError } from '../../src/errors/domain-errors';
import { formatError } from '../../src/api/server/format-error';
import { readConfig } from '../../src/config';
import { createLogger } from '../../src/logger';

/** A driver error as pg raises it: SQLSTATE in `code`, PostgreSQL's own text in `message`. */
function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}
const log = createLogger(readConfig());
const format = (err: unknown) => formatError(new GraphQLError('x').toJSON(), err, log);

describe('formatError', () => {
  it.each([
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['22P05', 'unsupported Unicode escape sequence'],
    ['22008', 'date/time field value out of range: "2026-02-30"'],
    ['22P02', 'invalid input syntax for type uuid: "secret-internal"'],
  ])('maps SQLSTATE %s to BAD_USER_INPUT without the database text', (code, text) => {
    const out = format(pgError(code, text));
    expect(out.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(out)).not.toContain(text.slice(0, 20));
  });

  it("shows our triggers' refusals, and hides PostgreSQL's own RESTRICT text", () => {
    const ours = Object.assign(pgError('23001', 'published version 7 is immutable'), {
      where: 'PL/pgSQL function icp_version_guard() line 12 at RAISE',
    });
    expect(format(ours)).toMatchObject({ message: 'published version 7 is immutable', extensions: { code: 'CONFLICT' } });
    const theirs = pgError(
      '23001',
      'update or delete on table "segment" violates RESTRICT setting of foreign key constraint "fk_x" on table "account"',
    );
    expect(format(theirs).message).not.toContain('segment');
    expect(format(theirs).extensions?.code).toBe('CONFLICT');
  });

  it('reports at most 100 issues with the count of all, and names only the first five in the message', () => {
    const issues = Array.from({ length: 250 }, (_, i) => ({ path: `accounts[${i}].name`, message: 'must not be blank' }));
    const out = format(BadUserInputError.fromIssues(issues, 'Invalid accounts'));
    expect(out.extensions?.issues).toEqual(issues.slice(0, 100));
    expect(out.extensions?.issueCount).toBe(250);
    expect(out.extensions?.field).toBe('accounts[0].name');
    expect(out.message).toBe(
      `Invalid accounts: ${issues
        .slice(0, 5)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ')}; and 245 more (see extensions.issues)`,
    );
  });

  it('keeps every issue for callers in the process (the imports reject rows by them)', () => {
    const issues = Array.from({ length: 250 }, (_, i) => ({ path: `leads[${i}].externalId`, message: 'required' }));
    expect(BadUserInputError.fromIssues(issues).details.issues).toHaveLength(250);
  });
});
