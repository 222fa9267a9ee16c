/**
 * src/cli/output.ts writes straight to file descriptors instead of through process.stdout: every byte
 * must still arrive, in order, and a closed or non-blocking descriptor must behave as Node's stream would.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const fsMock = vi.hoisted(() => ({ writeSync: undefined as undefined | ((fd: number, b: Uint8Array) => number) }));
vi.mock('node:fs', async (real) => {
  const fs = await real<typeof import('node:fs')>();
  return { ...fs, writeSync: (fd: number, b: Uint8Array) => (fsMock.writeSync ?? fs.writeSync)(fd, b) };
});

const { fdOutput } = await import('../../src/cli/output.js');

afterEach(() => {
  fsMock.writeSync = undefined;
  vi.restoreAllMocks();
});

const err = (code: string) => Object.assign(new Error(code), { code });

describe('fdOutput', () => {
  it('writes every byte of every call, in order, when the kernel takes a few bytes at a time', () => {
    const got: Buffer[] = [];
    fsMock.writeSync = (_fd, b) => {
      const n = Math.min(3, b.length);
      got.push(Buffer.from(b.subarray(0, n)));
      return n;
    };
    const out = fdOutput(1);
    out.write('héllo, ');
    out.write('wörld\n');
    expect(Buffer.concat(got).toString('utf8')).toBe('héllo, wörld\n');
  });

  it('a reader that went away (EPIPE) ends the output quietly, and nothing more is tried', () => {
    let calls = 0;
    fsMock.writeSync = () => {
      calls++;
      throw err('EPIPE');
    };
    const out = fdOutput(1);
    expect(() => out.write('a\n')).not.toThrow();
    expect(() => out.write('b\n')).not.toThrow();
    expect(calls).toBe(1);
  });

  it('a non-blocking descriptor (EAGAIN) hands the unwritten rest, and what follows, to Node’s stream', () => {
    const streamed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      streamed.push(Buffer.from(chunk).toString('utf8'));
      return true;
    });
    let calls = 0;
    fsMock.writeSync = (_fd, b) => {
      if (calls++ === 0) return 2;
      throw err('EAGAIN');
    };
    const out = fdOutput(1);
    out.write('abcdef');
    out.write('gh');
    expect(streamed.join('')).toBe('cdefgh');
  });

  it('other write errors are not swallowed', () => {
    fsMock.writeSync = () => {
      throw err('EIO');
    };
    expect(() => fdOutput(1).write('x')).toThrow('EIO');
  });
});
