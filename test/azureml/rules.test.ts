// One bad fixture per rule (test/fixtures/azureml-bad): each declares the exact problems it must
// produce (`# expect:` lines), with key path, line and column.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/azureml/lint.js';
import { badDir } from './helpers.js';

interface Case {
  name: string;
  files: { path: string; text: string }[];
}

function filesIn(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesIn(join(dir, n)) : [join(dir, n)]));
}

const cases: Case[] = readdirSync(badDir)
  .filter((n) => n.endsWith('.yml') || statSync(join(badDir, n)).isDirectory())
  .sort()
  .map((name) => {
    const abs = join(badDir, name);
    const list = statSync(abs).isDirectory() ? filesIn(abs) : [abs];
    return { name, files: list.map((f) => ({ path: relative(badDir, f).split('\\').join('/'), text: readFileSync(f, 'utf8') })) };
  });

/** `# expect: error 4:12 auth_mode ~ must be one of` → the problem as a comparable string. */
function expectations(file: { path: string; text: string }): string[] {
  return [...file.text.matchAll(/^# expect: (error|warning) (\d+):(\d+) (\S+) ~ (.+)$/gm)].map(
    (m) => `${file.path} ${m[1]} ${m[2]}:${m[3]} ${m[4] === '-' ? '' : m[4]} ~ ${m[5].trim()}`,
  );
}

describe('bad fixtures, one per rule', () => {
  it('has a fixture for every rule the brief names', () => {
    const names = cases.map((c) => c.name);
    for (const rule of ['wrong-enum', 'unknown-key', 'missing-required-key', 'wrong-type', 'environment-image-and-build', 'environment-neither', 'bad-endpoint-name', 'syntax-error', 'unknown-input-reference', 'endpoint-name-mismatch', 'alias-bomb', 'custom-tags'])
      expect(names.some((n) => n.startsWith(rule)), rule).toBe(true);
  });

  it.each(cases)('$name reports exactly the declared problems', ({ files }) => {
    const strict = files.some((f) => /^# strict: true$/m.test(f.text));
    const result = validateFiles(files, { exists: () => false, strict });
    const wanted = files.flatMap(expectations);
    expect(wanted.length, 'the fixture declares what it expects').toBeGreaterThan(0);
    const got = result.files.flatMap((f) => f.errors.map((e) => ({ f, e })));
    // every declared problem is reported at that position, with a message containing the text
    for (const w of wanted) {
      const [, head, text] = /^(.*?) ~ (.*)$/.exec(w)!;
      const hit = got.find(({ f, e }) => `${f.path} ${e.severity} ${e.line}:${e.column} ${e.path}` === head && e.message.includes(text));
      expect(hit, `${w}\n got:\n${got.map(({ f, e }) => `${f.path} ${e.severity} ${e.line}:${e.column} ${e.path} ~ ${e.message}`).join('\n')}`).toBeDefined();
    }
    // and nothing else
    expect(got.length).toBe(wanted.length);
    expect(result.valid).toBe(!wanted.some((w) => / error /.test(w)));
  });
});
