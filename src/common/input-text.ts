/**
 * The text and JSON every input must satisfy before it is stored: no NUL (PostgreSQL refuses
 * it), no unpaired surrogates (not Unicode), bounded lengths, bounded JSON depth and width.
 * Pure; the GraphQL input guard applies it to every argument, the imports to every row.
 */
import type { InputIssue } from '../errors/domain-errors';

const issue = (path: string, message: string): InputIssue => ({ path, message });

/**
 * Limits every input meets before anything runs, stated in the README. Field-specific rules
 * (a justification's wording, a key's pattern) stay with their features; these are the ones
 * that keep raw input away from PostgreSQL and bound the work one request can cause.
 */
export const INPUT_LIMITS = {
  /** Longest text, by argument or input field name. */
  text: {
    justification: 4_000,
    notes: 4_000,
    description: 2_000,
    reason: 1_000, // revoke reasons and disqualifier reasons
    name: 500, // account names; segments and keys allow 200
    label: 200,
  } as Readonly<Record<string, number>>,
  /** Longest other String or ID argument or input field (keys, external ids, cursors, filters). */
  otherText: 1_000,
  /** Longest string anywhere inside a JSON value (attribute values, criterion operands, list elements). */
  jsonText: 2_000,
  /** Deepest nesting of a JSON value (an attribute value or operand needs 2). */
  jsonDepth: 16,
  /** Most keys in one JSON object (attributes of one account). */
  jsonKeys: 1_000,
  /** Longest key of a JSON object. */
  jsonKeyLength: 200,
  /** Most elements in one JSON list. */
  jsonListLength: 1_000,
} as const;

const UNPAIRED_SURROGATE = /\p{Cs}/u; // with the u flag, a well-formed pair is one code point and does not match

/** Why `text` holds a character that cannot be stored, or null. */
export function characterProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters (\\u0000)';
  if (UNPAIRED_SURROGATE.test(text)) return 'must not contain unpaired UTF-16 surrogates (invalid Unicode)';
  return null;
}

/** Why `text` cannot be accepted (too long, or a character that cannot be stored), or null. */
export function textProblem(text: string, limit: number): string | null {
  if (text.length > limit) return `must be at most ${limit} characters (got ${text.length})`;
  return characterProblem(text);
}

/** A key in a path, shortened: the message must not echo a 200-character key. */
export const keyPath = (path: string, key: string) => `${path}.${key.length > 40 ? `${key.slice(0, 37)}...` : key}`;

/**
 * Issues of a parsed JSON value at `path` (text, keys, depth and sizes), pushed to `out`.
 * Recursion stops at the depth limit, so a value nested thousands of levels deep is safe.
 * A member's path is written only for an issue or a nested value: an upsert checks some 40
 * values per account, and writing every one's path was a fifth of what a batch allocated.
 */
export function jsonIssues(value: unknown, path: string, out: InputIssue[], depth = 0): void {
  if (typeof value === 'string') {
    const problem = textProblem(value, INPUT_LIMITS.jsonText);
    if (problem) out.push(issue(path, problem));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth >= INPUT_LIMITS.jsonDepth) {
    out.push(issue(path, `is nested deeper than ${INPUT_LIMITS.jsonDepth} levels`));
    return;
  }
  if (Array.isArray(value)) {
    if (value.length > INPUT_LIMITS.jsonListLength) {
      out.push(issue(path, `must hold at most ${INPUT_LIMITS.jsonListLength} elements (got ${value.length})`));
      return;
    }
    for (let i = 0; i < value.length; i++) member(value[i], path, i, out, depth);
    return;
  }
  const keys = Object.keys(value);
  if (keys.length > INPUT_LIMITS.jsonKeys) {
    out.push(issue(path, `must hold at most ${INPUT_LIMITS.jsonKeys} keys (got ${keys.length})`));
    return;
  }
  for (const key of keys) {
    const problem = textProblem(key, INPUT_LIMITS.jsonKeyLength);
    if (problem) out.push(issue(keyPath(path, key), `key ${problem}`));
    else member((value as Record<string, unknown>)[key], path, key, out, depth);
  }
}

/** A member of an object (by key) or list (by index) at `parent`: scalars checked in place, nested values in turn. */
function member(value: unknown, parent: string, at: string | number, out: InputIssue[], depth: number): void {
  if (typeof value === 'string') {
    const problem = textProblem(value, INPUT_LIMITS.jsonText);
    if (problem) out.push(issue(memberPath(parent, at), problem));
  } else if (value !== null && typeof value === 'object') {
    jsonIssues(value, memberPath(parent, at), out, depth + 1);
  }
}

const memberPath = (parent: string, at: string | number) => (typeof at === 'number' ? `${parent}[${at}]` : `${parent}.${at}`);
