import { createHash } from 'node:crypto';

/** SHA-256 of a string (as UTF-8) or of bytes, as lowercase hex. */
export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
