import { createDecipheriv, randomBytes } from 'node:crypto';
import { parseSecretKey, readConfig } from '../../src/config';
import { isSealed, openSecret, sealSecret, SecretKeyMismatchError } from '../../src/domain/delivery/secret-box';

const key = randomBytes(32);
const secret = 'whsec_0123456789abcdefghijklmnopqrstuvwxyzAB';

describe('webhook secrets at rest', () => {
  it('seals with AES-256-GCM: the stored text holds no trace of the secret and opens with the key', () => {
    const stored = sealSecret(key, secret);
    expect(isSealed(stored)).toBe(true);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(Buffer.from(secret).toString('base64url').slice(0, 16));
    expect(openSecret(key, stored)).toBe(secret);
    // A fresh IV each time: the same secret never stores the same way twice.
    expect(sealSecret(key, secret)).not.toBe(stored);
  });

  it('is standard AES-256-GCM, readable by any implementation from the documented format', () => {
    const [version, iv, tag, ciphertext] = sealSecret(key, secret).split(':');
    expect(version).toBe('fgsec1');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from('fitgraph webhook signing secret'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    expect(plain).toBe(secret);
  });

  it('refuses another key, an altered value and a missing key', () => {
    const stored = sealSecret(key, secret);
    expect(() => openSecret(randomBytes(32), stored)).toThrow(SecretKeyMismatchError);
    const parts = stored.split(':');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() => openSecret(key, [...parts.slice(0, 3), flipped.toString('base64url')].join(':'))).toThrow(SecretKeyMismatchError);
    expect(() => openSecret(null, stored)).toThrow(SecretKeyMismatchError);
  });

  it('reads a secret stored in clear before sealing existed as it is', () => {
    expect(isSealed(secret)).toBe(false);
    expect(openSecret(key, secret)).toBe(secret);
    expect(openSecret(null, secret)).toBe(secret);
  });

  it('reads FITGRAPH_SECRET_KEY as 64 hex digits or base64 of 32 bytes, and refuses anything else', () => {
    const hex = key.toString('hex');
    expect(parseSecretKey(hex)?.equals(key)).toBe(true);
    expect(parseSecretKey(`${key.toString('base64')}\n`)?.equals(key)).toBe(true);
    expect(parseSecretKey(key.toString('base64url'))?.equals(key)).toBe(true);
    for (const bad of ['', 'secret', hex.slice(2), randomBytes(16).toString('base64'), randomBytes(48).toString('base64'), `${hex}00`]) {
      expect(parseSecretKey(bad)).toBeNull();
    }
    expect(readConfig({ FITGRAPH_SECRET_KEY: hex }).secretKey?.equals(key)).toBe(true);
    expect(readConfig({}).secretKey).toBeNull();
    expect(() => readConfig({ FITGRAPH_SECRET_KEY: 'not-a-key' })).toThrow(/^Invalid FITGRAPH_SECRET_KEY: expected 32 bytes/);
  });
});
