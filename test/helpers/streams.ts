import { Readable } from 'node:stream';

/** The text as a stream of 7-byte chunks, so that lines and characters straddle chunk boundaries. */
export function chunked(text: string): Readable {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
  return Readable.from(chunks);
}
