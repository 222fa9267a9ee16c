// Hostile or odd input must never crash or hang validateFiles.
import { describe, expect, it } from 'vitest';
import { MAX_PROBLEMS } from '../../src/azureml/issues.js';
import { MAX_TEXT_LENGTH, validateFiles } from '../../src/azureml/lint.js';
import { lint, schema } from './helpers.js';

const timed = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
};

describe('hostile input', () => {
  it('skips empty and comment-only files, but reports them when a kind is forced', () => {
    expect(lint('')).toMatchObject({ kind: 'skipped', valid: true, errors: [] });
    expect(lint('# nothing here\n\n')).toMatchObject({ kind: 'skipped', valid: true, errors: [] });
    expect(lint('', { kind: 'commandJob' }).errors).toEqual([{ path: '', message: 'empty document', line: 1, column: 1, severity: 'error' }]);
  });

  it('skips documents that are not mappings', () => {
    for (const text of ['42', '- a\n- b\n', 'plain text', '~']) expect(lint(text).kind).toBe('skipped');
    expect(lint('- a\n', { kind: 'environment' }).errors[0]).toMatchObject({ path: '', message: 'expected a mapping, got a list' });
  });

  it('does not parse a 10 MB file: skipped when not Azure ML, an error when its $schema says it is', () => {
    const body = 'items:\n' + '  - {name: item, value: 12345678}\n'.repeat(330_000);
    expect(body.length).toBeGreaterThan(10_000_000);
    const [plain, ms1] = timed(() => lint(body));
    expect(plain).toMatchObject({ kind: 'skipped', valid: true });
    const [aml, ms2] = timed(() => lint(schema('commandJob') + body));
    expect(aml.kind).toBe('commandJob');
    expect(aml.errors).toEqual([{ path: '', message: expect.stringMatching(/^file too large to validate \(10\.\d MB; the limit is 512 KB\)$/), line: 1, column: 1, severity: 'error' }]);
    expect(ms1 + ms2).toBeLessThan(1000);
  });

  it('uses `size` when only the head of a large file is given', () => {
    const head = { path: 'big.yml', text: `${schema('environment')}name: e\n`, size: 5 * 1_048_576 };
    const report = validateFiles([head], { exists: () => true }).files[0];
    expect(report.errors[0].message).toBe('file too large to validate (5.0 MB; the limit is 512 KB)');
  });

  it('caps the problems listed per file', () => {
    const keys = Array.from({ length: 5_000 }, (_, i) => `unknown_${i}: 1`).join('\n');
    const r = lint(`${schema('commandJob')}command: echo\nenvironment: azureml:e:1\n${keys}\n`);
    expect(r.errors.length).toBe(MAX_PROBLEMS + 1);
    expect(r.errors.at(-1)!.message).toBe('4800 more problems not shown (fix the ones above first)');
  });

  it('validates a large-but-allowed file in bounded time', () => {
    const tags = Array.from({ length: 18_000 }, (_, i) => `  key${i}: "value ${i}"`).join('\n');
    const text = `${schema('commandJob')}command: echo\nenvironment: azureml:e:1\ntags:\n${tags}\n`;
    expect(text.length).toBeGreaterThan(MAX_TEXT_LENGTH * 0.8);
    expect(text.length).toBeLessThan(MAX_TEXT_LENGTH);
    const [r, ms] = timed(() => lint(text));
    expect(r.errors).toEqual([]);
    expect(ms).toBeLessThan(5000);
  });

  it('reports binary content (NUL bytes) as an error', () => {
    const r = lint('$schema: x\n\u0000\u0001\u0002PNG\n');
    expect(r).toMatchObject({ kind: 'unknown', valid: false });
    expect(r.errors).toEqual([{ path: '', message: 'binary content (NUL bytes): not a YAML text file', line: 2, column: 1, severity: 'error' }]);
  });

  it('survives deep nesting (flow and block) and reports it for Azure ML files', () => {
    const flow = '['.repeat(100_000) + ']'.repeat(100_000);
    const [r1, ms] = timed(() => lint(`${schema('commandJob')}command: ${flow}\n`));
    expect(r1.valid).toBe(false);
    expect(r1.errors[0].message).toMatch(/call stack|nest/i);
    expect(ms).toBeLessThan(5000);
    const block = Array.from({ length: 1_300 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    expect(() => lint(block)).not.toThrow();
    expect(lint(`a: ${'{b: '.repeat(5_000)}1${'}'.repeat(5_000)}`).valid).toBe(false); // refusing is always an error
  });

  it('bounds alias expansion (billion laughs) and reports an error even without a $schema', () => {
    let text = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 0; i < 9; i++) text += `l${i}: &l${i} [${Array(10).fill(i ? `*l${i - 1}` : '*a').join(', ')}]\n`;
    const [r, ms] = timed(() => lint(text));
    expect(ms).toBeLessThan(1000);
    expect(r).toMatchObject({ kind: 'unknown', valid: false });
    expect(r.errors[0]).toMatchObject({ line: 2, column: 10, message: expect.stringContaining('too many alias expansions') });
  });

  it('allows ordinary anchors, aliases and merge keys', () => {
    const text = `${schema('commandJob')}command: echo\nenvironment: &env azureml:e:1\nbase: &base {instance_count: 2}\nresources:\n  <<: *base\n  instance_type: Standard_D4ds_v5\n`;
    const r = lint(text);
    expect(r.errors.map((e) => e.path)).toEqual(['base']); // only the unknown key; merge and alias resolved
  });

  it('reads custom tags as plain data and never executes them', () => {
    const text = `${schema('commandJob')}command: !!js/function "function () { globalThis.__pwned = true }"\nenvironment: !!python/name:os.system azureml:e:1\n`;
    const r = lint(text);
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
    expect(r.valid).toBe(true);
    expect(r.errors.map((e) => `${e.severity} ${e.line}:${e.column}`)).toEqual(['warning 2:10', 'warning 3:14']);
  });

  it('does not let __proto__ keys pollute objects', () => {
    const r = lint(`${schema('commandJob')}command: echo\nenvironment: azureml:e:1\n__proto__:\n  polluted: yes\n`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.errors.map((e) => e.message)).toEqual(['unknown key "__proto__"']);
  });
});
