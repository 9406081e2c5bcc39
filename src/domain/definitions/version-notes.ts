import { BadUserInputError } from '../../errors/domain-errors';

/**
 * Longest notes a version keeps. Discovery cuts the notes it writes to fit; notes sent through
 * the API meet the input guard's shorter limit first (INPUT_LIMITS.text.notes).
 */
export const MAX_VERSION_NOTES = 5000;

/** A version's notes as given: trimmed, blank as null, absent left absent; too long is BAD_USER_INPUT at `field`. */
export function checkVersionNotes(notes: string | null | undefined, field = 'notes'): string | null | undefined {
  if (notes === undefined || notes === null) return notes;
  if (notes.length > MAX_VERSION_NOTES) throw BadUserInputError.forField(field, `must be at most ${MAX_VERSION_NOTES} characters`);
  return notes.trim() || null;
}
