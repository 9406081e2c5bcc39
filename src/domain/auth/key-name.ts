/**
 * API key names appear as the actor of audit rows and as the author of overrides, so two keys
 * must never read alike. A name's identity is what a reader sees: compatibility forms folded
 * (NFKC: "ｌocal-admin" is "local-admin"), case folded, runs of spaces as one, and letters that
 * look like Latin ones read as those (Unicode's confusables: a Cyrillic "о" is an "o").
 * Names are unique by identity, and characters a reader cannot see are refused outright.
 */
import unhomoglyph from 'unhomoglyph';
import { INTERNAL_ACTOR_NAMES } from '../../model/role';

export const MAX_KEY_NAME = 100;

// Controls, format characters (zero-width spaces and joiners, bidirectional marks, embeddings,
// overrides and isolates, the byte-order mark, soft hyphens), line and paragraph separators,
// unassigned and private-use code points, lone surrogates...
const INVISIBLE_CLASSES = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}]/u;
// ...and the letters that are drawn blank (Hangul fillers, the braille blank).
const BLANK_LETTERS = /[\u115F\u1160\u3164\uFFA0\u2800]/u;

/**
 * Unicode case folding, near enough for names: upper- then lower-casing folds the special
 * cases that lower-casing alone keeps apart ("ß" and "ss", final and medial sigma).
 */
function caseFold(text: string): string {
  return text.toUpperCase().toLowerCase();
}

/** The form two names are compared in: equal identities are the same name to a reader. */
export function keyNameIdentity(name: string): string {
  const folded = caseFold(name.normalize('NFKC')).replace(/\s+/gu, ' ').trim();
  // Confusable letters may map to upper-case or compatibility forms: fold again after mapping.
  return caseFold(unhomoglyph(folded).normalize('NFKC'));
}

/** Why `name` (already trimmed) cannot name a key, or null when it can. */
export function keyNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > MAX_KEY_NAME) return `must be 1 to ${MAX_KEY_NAME} characters`;
  if (INVISIBLE_CLASSES.test(name) || BLANK_LETTERS.test(name) || INVISIBLE_CLASSES.test(name.normalize('NFKC'))) {
    return 'must not contain control, zero-width, bidirectional or other invisible characters';
  }
  const identity = keyNameIdentity(name);
  if (INTERNAL_ACTOR_NAMES.some((reserved) => keyNameIdentity(reserved) === identity)) {
    return `"${name}" is reserved for fitgraph's own work`;
  }
  return null;
}
