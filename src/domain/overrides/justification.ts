/**
 * Whether a justification (or a revocation reason) explains anything. Auditors read these:
 * boilerplate that only fills the field is refused with the reason.
 */
import unhomoglyph from 'unhomoglyph';

export const MIN_JUSTIFICATION = 30;

const PLACEHOLDERS = new Set([
  'n/a',
  'na',
  'none',
  'nothing',
  'test',
  'testing',
  'tested',
  'asdf',
  'qwerty',
  'override',
  'overridden',
  'overrides',
  'tbd',
  'todo',
  'xxx',
  'foo',
  'bar',
  'baz',
  'blah',
  'placeholder',
  'dummy',
  'sample',
  'example',
  'lorem',
  'ipsum',
  'justification',
  'reason',
  'because',
  'see',
  'above',
  'ok',
  'okay',
  'yes',
  'no',
  'same',
  'misc',
  'whatever',
  'etc',
]);

/** Characters nobody sees: zero-width spaces and joiners, bidirectional marks, soft hyphens... */
const INVISIBLE = /\p{Cf}/gu;

/**
 * The text as a reader sees it, for judging only (what is stored is what was written):
 * compatibility forms folded ("ｔｅｓｔ"), invisible characters and accents dropped ("t\u200Bést"),
 * and letters that look like Latin ones read as those ("tеst" with a Cyrillic "е"), by Unicode's
 * confusables table (UTS #39, as the unhomoglyph package ships it). That table also reads "m" as
 * "rn" and "0" as "O", so everything compared with this text goes through it too.
 */
function asRead(text: string): string {
  return unhomoglyph(text.normalize('NFKC').normalize('NFD').replace(/\p{M}/gu, '').replace(INVISIBLE, '')).toLowerCase();
}

const READ_PLACEHOLDERS = new Set([...PLACEHOLDERS].map(asRead));
const LOREM_IPSUM = new RegExp(`${asRead('lorem')}\\s+${asRead('ipsum')}`);
const KEYBOARD_MASH = new RegExp(`(${['asdf', 'qwer', 'zxcv', 'hjkl', 'sdfg', 'jkl;'].map(asRead).join('|')})`);

/** Why `text` is not a real explanation, or null when it is one. */
export function justificationProblem(text: string | null | undefined): string | null {
  const visible = (text ?? '').normalize('NFKC').replace(INVISIBLE, '').trim();
  if (visible.length < MIN_JUSTIFICATION) return `must be at least ${MIN_JUSTIFICATION} characters of explanation (got ${visible.length})`;
  const read = asRead(visible);
  const letters = read.replace(/[^\p{L}\p{N}]/gu, '');
  if (new Set(letters).size <= 2) return 'is one character repeated, not an explanation';
  if (LOREM_IPSUM.test(read)) return 'is placeholder text (lorem ipsum)';
  if (KEYBOARD_MASH.test(letters)) return 'looks like keyboard mashing, not an explanation';
  const words = read.split(/[^\p{L}\p{N}/]+/u).filter(Boolean);
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  const top = Math.max(...counts.values());
  if (counts.size <= 2 || (words.length >= 4 && top / words.length >= 0.5)) return 'repeats the same word, not an explanation';
  const meaningful = [...counts.keys()].filter((w) => !READ_PLACEHOLDERS.has(w) && /\p{L}{3,}/u.test(w));
  if (meaningful.length < 4) return 'is a placeholder (n/a, test, override, …): say why, in words, for the auditors';
  return null;
}
