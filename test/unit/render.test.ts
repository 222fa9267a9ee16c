import { describe, expect, it } from 'vitest';
import { protect, renderTemplate } from '../../src/render/engine.js';
import { parse } from 'yaml';
import { text, tree } from '../helpers/tree.js';

describe('render engine', () => {
  it('passes ${{ ... }} through untouched while rendering {{ ... }}', () => {
    const out = renderTemplate('t1', () => 'a: ${{ secrets.X }} b: {{name}} c: ${{inputs.data}}', { name: 'n' });
    expect(out).toBe('a: ${{ secrets.X }} b: n c: ${{inputs.data}}');
  });

  it('is strict: a missing field is an error, not an empty string', () => {
    expect(() => renderTemplate('t2', () => '{{missing}}', {})).toThrow(/missing/);
  });

  it('does not HTML-escape', () => {
    expect(renderTemplate('t3', () => '{{v}}', { v: '<a & "b">' })).toBe('<a & "b">');
  });

  it('rejects helpers it does not know', () => {
    expect(() => renderTemplate('t4', () => '{{shout a}}', { a: 'x' })).toThrow(/unknown helper shout/);
  });

  it('escapes only the ${{ opener', () => {
    expect(protect('x ${{ a }} {{b}}')).toBe('x $\\{{ a }} {{b}}');
  });
});

describe('rendered project', () => {
  const t = tree();

  it('leaves no template tag anywhere', () => {
    for (const [path, content] of t) {
      if (typeof content === 'string') expect(content, path).not.toMatch(/(^|[^$])\{\{/);
    }
  });

  it('keeps the Actions and Azure ML expressions intact', () => {
    const deploy = text(t, '.github/workflows/train-deploy.yml');
    expect(deploy).toContain('client-id: ${{ secrets.AZURE_CLIENT_ID }}');
    expect(deploy).toContain('${{ steps.submit.outputs.run }}');
    const job = parse(text(t, 'jobs/train.yml'));
    expect(job.command).toContain('--data ${{inputs.data}}');
    expect(job.command).toContain('--model-output ${{outputs.model}}');
  });

  it('parses every YAML and JSON file', () => {
    for (const [path, content] of t) {
      if (/\.ya?ml$/.test(path)) expect(() => parse(content as string), path).not.toThrow();
      if (path.endsWith('.json')) expect(() => JSON.parse(content as string), path).not.toThrow();
    }
  });
});
