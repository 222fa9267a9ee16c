/** Disk snapshots for the fault tests: "nothing changed" means the same paths with the same bytes. */
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';

/** Every path below `root` (not following links) → a hash of its content, "dir", or "-> target". */
export async function snapshot(root: string, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(join(root, prefix))).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    const st = await lstat(join(root, rel));
    if (st.isSymbolicLink()) out[rel] = `-> ${await readlink(join(root, rel))}`;
    else if (st.isDirectory()) Object.assign(out, { [rel]: 'dir' }, await snapshot(root, rel));
    else if (!st.isFile()) out[rel] = 'special'; // a FIFO or device: reading it could block
    else if (st.size > 2 ** 30) out[rel] = `large ${st.size} ${st.mtimeMs}`;
    else out[rel] = createHash('sha256').update(await readFile(join(root, rel))).digest('hex');
  }
  return out;
}

/** One `error: ...` line on stderr, matching `message`, and no stack trace. */
export function expectOneLineError(stderr: string, message: RegExp) {
  const lines = stderr.trim().split('\n');
  expect(lines[0], stderr).toMatch(/^error: /);
  expect(lines[0], stderr).toMatch(message);
  expect(stderr).not.toMatch(/\n\s+at |Error: .*\n.*node:internal/);
}

/** Poll until `predicate` holds (the CLI runs in another process; no fixed sleeps). */
export async function until(predicate: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}
