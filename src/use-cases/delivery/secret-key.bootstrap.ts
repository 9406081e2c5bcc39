import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../../config';
import { parseSecretKey } from '../../config';
import { StartupError } from '../../errors/startup-error';

export interface SecretKeyInfo {
  key: Buffer;
  source: 'FITGRAPH_SECRET_KEY' | 'local data folder';
}

/**
 * The key that seals webhook signing secrets, for the API and the workers:
 * - FITGRAPH_SECRET_KEY when set (every process sharing a database needs the same one);
 * - embedded database (`npm start` without DATABASE_URL): a random key kept beside the data, in
 *   `<FITGRAPH_DATA_DIR>/secret-key` (0600), made at the first start; deleting `.data/` deletes both;
 * - DATABASE_URL without it: start-up stops and says so, rather than keep secrets a database dump would reveal.
 */
export function resolveSecretKey(cfg: Readonly<Config>, embedded: boolean): SecretKeyInfo {
  if (cfg.secretKey) return { key: cfg.secretKey, source: 'FITGRAPH_SECRET_KEY' };
  if (!embedded) {
    throw new StartupError(
      'FITGRAPH_SECRET_KEY is not set: webhook signing secrets are stored encrypted with it. Set it to 32 random bytes (openssl rand -base64 32), the same in every API and worker process',
    );
  }
  const file = path.join(cfg.dataDir, 'secret-key');
  try {
    // 'wx': two processes starting at once (npm start and a worker) agree on the first one written.
    fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = parseSecretKey(fs.readFileSync(file, 'utf8'));
  if (!key) throw new StartupError(`${file} does not hold a secret key (32 bytes in base64): restore it, or set FITGRAPH_SECRET_KEY`);
  return { key, source: 'local data folder' };
}
