/**
 * Checks account attribute values against the catalogue. Pure: the same rules serve
 * upsertAccounts, previewScore and the import command.
 */
import { DATE_FORMS, isIsoDate } from '../../common/dates';
import { sameJson } from '../definitions/canonical-definition';
import type { InputIssue } from '../../errors/domain-errors';
import type { AttributeCatalogue, AttributeType } from '../../model/icp-definition';

const MAX_STRING = 2000;
const MAX_LIST = 200;

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Why `value` is not of `type`, or null when it is. */
export function typeProblem(value: unknown, type: AttributeType): string | null {
  switch (type) {
    case 'NUMBER':
      return typeof value === 'number' && Number.isFinite(value) ? null : `expected a NUMBER, got ${describe(value)}`;
    case 'BOOLEAN':
      return typeof value === 'boolean' ? null : `expected a BOOLEAN, got ${describe(value)}`;
    case 'STRING':
      if (typeof value !== 'string') return `expected a STRING, got ${describe(value)}`;
      return value.length > MAX_STRING ? `is longer than ${MAX_STRING} characters` : null;
    case 'STRING_LIST':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
        return `expected a STRING_LIST (array of strings), got ${describe(value)}`;
      return value.length > MAX_LIST ? `holds more than ${MAX_LIST} elements` : null;
    case 'DATE':
      // The scoring engine reads dates with the same parser, so what passes here is what it scores.
      return isIsoDate(value) ? null : `expected a DATE (${DATE_FORMS}, a day that exists, e.g. 2026-11-24), got ${describe(value)}`;
  }
}

/**
 * Issues of an attribute patch at `path` (e.g. `accounts[3].attributes`): an object whose keys
 * are in the catalogue and whose values are of the key's type, or null to remove the value.
 */
export function attributeIssues(attributes: unknown, catalogue: AttributeCatalogue, path: string): InputIssue[] {
  if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes)) {
    return [{ path, message: `expected an object of attribute values, got ${describe(attributes)}` }];
  }
  const issues: InputIssue[] = [];
  // Keys, not entries: a pair per value was most of what checking a batch allocated.
  for (const key of Object.keys(attributes)) {
    const value = (attributes as Record<string, unknown>)[key];
    const entry = catalogue.get(key);
    if (!entry) {
      issues.push({ path: `${path}.${key}`, message: `unknown attribute "${key}" (define it first with defineAttribute)` });
      continue;
    }
    if (value === null) continue;
    const problem = typeProblem(value, entry.type);
    if (problem) issues.push({ path: `${path}.${key}`, message: problem });
  }
  return issues;
}

/**
 * What a patch changes in `current`: the keys it gives a different value (`set`) and the
 * existing keys it removes (`unset`); both empty when it changes nothing.
 */
export function attributeChanges(
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
): { set: Record<string, unknown>; unset: string[] } {
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    const had = Object.prototype.hasOwnProperty.call(current, key);
    if (value === null) {
      if (had) unset.push(key);
    } else if (!had || !sameJson(current[key], value)) set[key] = value;
  }
  return { set, unset };
}

/** Applies a patch: given keys replace, null removes, absent keys stay. */
export function mergeAttributes(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
