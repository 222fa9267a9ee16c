/**
 * Property: any string as the directory argument of `init` (run in process, from a sandbox two levels
 * deep) either is refused with a one-line error and the disk untouched, or yields a complete project
 * in exactly that directory and nothing anywhere else. Paths that resolve outside the sandbox are left
 * out: writing where the user points is the documented behaviour, and a test must not write there.
 */
import fc from 'fast-check';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isCliError } from '../../src/core/errors.js';
import { runInit } from '../../src/cli/init.js';
import { tempDir } from '../helpers/cli.js';
import { snapshot } from './disk.js';
import { hostileString, NUM_RUNS } from './support.js';

describe('property: hostile directory argument', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir('aml-dirprop-');
  });
  afterAll(() => tmp.cleanup());

  it('is refused with the disk untouched, or gets a project in exactly that directory', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const home = process.cwd();
    const codes: number[] = [];
    let n = 0;
    const inSandbox = (v: string) => !v.includes('\u0000') && resolve(tmp.path, 'b', 'w', 'cwd', v).startsWith(join(tmp.path, 'b') + sep);
    const dirArb = fc.oneof(hostileString, fc.constantFrom('..', '../..', '.', 'a/b/c', '../sibling', './x/../y')).filter(inSandbox);
    try {
      await fc.assert(
        fc.asyncProperty(dirArb, async (dir) => {
          const box = join(tmp.path, `b${n++}`);
          const cwd = join(box, 'w', 'cwd');
          await mkdir(cwd, { recursive: true });
          const before = await snapshot(box);
          process.chdir(cwd);
          let code: number;
          let message = '';
          try {
            code = await runInit(dir, { name: 'demo', yes: true, git: false });
          } catch (e) {
            if (!isCliError(e)) throw new Error(`crashed on ${JSON.stringify(dir)}: ${(e as Error).stack}`);
            code = e.exitCode;
            message = e.message;
          } finally {
            process.chdir(home);
          }
          codes.push(code);
          const target = resolve(cwd, dir);
          const after = await snapshot(box);
          const created = Object.keys(after).filter((p) => !(p in before)).map((p) => join(box, p));
          if (code === 0) {
            expect(await readdir(target)).toContain('aml-scaffold.json');
            for (const p of created) expect(p === target || p.startsWith(target + sep) || target.startsWith(p + sep), p).toBe(true);
          } else {
            expect([1, 2]).toContain(code);
            expect(message).toMatch(/^[^\n\r]+$/);
            expect(after).toEqual(before);
          }
          await rm(box, { recursive: true, force: true });
        }),
        // '..' (the non-empty sandbox) is always refused and 'a/b/c' always made, so both outcomes are
        // checked in every run, whatever the random values turn out to be.
        { numRuns: Math.ceil(NUM_RUNS / 3), examples: [['..'], ['a/b/c']] },
      );
    } finally {
      process.chdir(home);
      out.mockRestore();
      err.mockRestore();
    }
    expect(codes.filter((c) => c === 0).length).toBeGreaterThan(0);
    expect(codes.filter((c) => c !== 0).length).toBeGreaterThan(0);
  });
});
