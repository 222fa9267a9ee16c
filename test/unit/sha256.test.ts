import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/hash/sha256.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const nodeHash = (content: string | Uint8Array) => createHash('sha256').update(content).digest('hex');

describe('sha256 (WebAssembly)', () => {
  it('gives the FIPS 180-4 examples', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto at every padding boundary (lengths 0 to 200)', () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 0xff);
      expect(sha256(bytes), `length ${n}`).toBe(nodeHash(bytes));
    }
  });

  it('hashes strings as UTF-8, a lone surrogate as U+FFFD, like node:crypto', () => {
    for (const s of ['é', '€', '😀', '\ud800', 'a\udc00b', '\u0000', `${'x'.repeat(1000)}\u2028`]) {
      expect(sha256(s), JSON.stringify(s)).toBe(nodeHash(s));
    }
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => sha256(s) === nodeHash(s)), { numRuns: 500 });
  });

  it('agrees with node:crypto on random bytes, and grows its memory for large input', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (b) => sha256(b) === nodeHash(b)), { numRuns: 300 });
    const big = new Uint8Array(300_000).map((_, i) => i % 251);
    expect(sha256(big)).toBe(nodeHash(big));
    const bigText = 'ä'.repeat(100_000);
    expect(sha256(bigText)).toBe(nodeHash(bigText));
    expect(sha256('abc')).toBe(nodeHash('abc'));
  });

  it('uses node:crypto when Node has no WebAssembly (--jitless), with the same result', () => {
    // Node 20 cannot import .ts itself: the child bundles the module with esbuild, as the build does.
    const probe = `const { buildSync } = require('esbuild');
      const url = require('node:url').pathToFileURL(process.cwd() + '/x.js').href;
      const { outputFiles } = buildSync({ entryPoints: ['src/hash/sha256.ts'], bundle: true, write: false, format: 'cjs',
        platform: 'node', define: { 'import.meta.url': JSON.stringify(url) } });
      const m = { exports: {} };
      new Function('module', 'exports', 'require', outputFiles[0].text)(m, m.exports, require);
      process.stdout.write(typeof WebAssembly + ' ' + m.exports.sha256('abc') + ' ' + m.exports.sha256('é'.repeat(70)));`;
    const out = execFileSync(process.execPath, ['--jitless', '-e', probe], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    expect(out).toBe(`undefined ${nodeHash('abc')} ${nodeHash('é'.repeat(70))}`);
  });

  it('the committed module is what sha256.wat assembles to', () => {
    const out = spawnSync(process.execPath, ['scripts/wasm.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
  });
});
