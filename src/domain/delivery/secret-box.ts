/**
 * Webhook signing secrets at rest. fitgraph needs a secret itself to sign each delivery, so it
 * cannot keep only a hash; it keeps it sealed with AES-256-GCM under a key from configuration
 * (FITGRAPH_SECRET_KEY), which the database never sees. A dump of the database, a replica or a
 * backup holds no usable secret.
 *
 * Stored format, versioned: `fgsec1:<iv>:<tag>:<ciphertext>` (base64url; 12-byte random IV,
 * 16-byte tag). A stored value without the prefix is a secret written in clear before sealing
 * existed: it is read as it is, and sealed at the next start (see sealStoredSecrets).
 * Pure: node:crypto only.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** What every sealed value starts with. */
export const SEALED_PREFIX = 'fgsec1:';
const VERSION = 'fgsec1';
const ALGORITHM = 'aes-256-gcm';
/** Binds the ciphertext to what it is, so a value sealed for another purpose with the same key does not open here. */
const AAD = Buffer.from('fitgraph webhook signing secret');
export const SECRET_KEY_BYTES = 32;

/** The key cannot open the stored value (another key, or the value was altered). */
export class SecretKeyMismatchError extends Error {
  constructor() {
    super('the webhook signing secret cannot be opened with FITGRAPH_SECRET_KEY: it was sealed with another key, or altered');
  }
}

export const isSealed = (stored: string): boolean => stored.startsWith(SEALED_PREFIX);

export function sealSecret(key: Buffer, secret: string): string {
  if (key.length !== SECRET_KEY_BYTES) throw new Error(`the secret key must be ${SECRET_KEY_BYTES} bytes`);
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(AAD);
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join(':');
}

/** The secret a stored value holds: opened with `key` when sealed, as it is when written in clear before sealing. */
export function openSecret(key: Buffer | null, stored: string): string {
  if (!isSealed(stored)) return stored;
  if (!key) throw new SecretKeyMismatchError();
  const [, iv, tag, ciphertext] = stored.split(':').map((p) => Buffer.from(p, 'base64url'));
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv);
    decipher.setAAD(AAD);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretKeyMismatchError();
  }
}
