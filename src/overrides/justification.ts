/**
 * Whether a justification (or a revocation reason) explains anything. Auditors read these:
 * boilerplate that only fills the field is refused with the reason.
 */
export const MIN_JUSTIFICATION = 30;

const PLACEHOLDERS = new Set([
  'n/a', 'na', 'none', 'nothing', 'test', 'testing', 'tested', 'asdf', 'qwerty', 'override', 'overridden', 'overrides',
  'tbd', 'todo', 'xxx', 'foo', 'bar', 'baz', 'blah', 'placeholder', 'dummy', 'sample', 'example', 'lorem', 'ipsum',
  'justification', 'reason', 'because', 'see', 'above', 'ok', 'okay', 'yes', 'no', 'same', 'misc', 'whatever', 'etc',
]);
const KEYBOARD_MASH = /(asdf|qwer|zxcv|hjkl|sdfg|jkl;)/i;

/** Why `text` is not a real explanation, or null when it is one. */
export function justificationProblem(text: string | null | undefined): string | null {
  const trimmed = (text ?? '').trim();
  if (trimmed.length < MIN_JUSTIFICATION) return `must be at least ${MIN_JUSTIFICATION} characters of explanation (got ${trimmed.length})`;
  const letters = trimmed.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  if (new Set(letters).size <= 2) return 'is one character repeated, not an explanation';
  if (/lorem\s+ipsum/i.test(trimmed)) return 'is placeholder text (lorem ipsum)';
  if (KEYBOARD_MASH.test(letters)) return 'looks like keyboard mashing, not an explanation';
  const words = trimmed.toLowerCase().split(/[^\p{L}\p{N}/]+/u).filter(Boolean);
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  const top = Math.max(...counts.values());
  if (counts.size <= 2 || (words.length >= 4 && top / words.length >= 0.5)) return 'repeats the same word, not an explanation';
  const meaningful = [...counts.keys()].filter((w) => !PLACEHOLDERS.has(w) && /\p{L}{3,}/u.test(w));
  if (meaningful.length < 4) return 'is a placeholder (n/a, test, override, …): say why, in words, for the auditors';
  return null;
}
