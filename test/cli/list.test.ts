import { describe, expect, it } from 'vitest';
import { EXTRAS, FRAMEWORKS, SERVINGS, TARGETS } from '../../src/spec/ids.js';
import { runCli } from '../helpers/cli.js';

describe('aml-scaffold list', () => {
  it('--json lists every option value with a title and summary, in display order', async () => {
    const r = await runCli(['list', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.frameworks.map((f: { id: string }) => f.id)).toEqual([...FRAMEWORKS]);
    expect(data.targets.map((f: { id: string }) => f.id)).toEqual([...TARGETS]);
    expect(data.servings.map((f: { id: string }) => f.id)).toEqual([...SERVINGS]);
    expect(data.extras.map((f: { id: string }) => f.id)).toEqual([...EXTRAS]);
    for (const group of Object.values(data) as { title: string; summary: string }[][]) {
      for (const item of group) expect(item.title.length * item.summary.length).toBeGreaterThan(0);
    }
  });

  it('prints a readable table without --json', async () => {
    const r = await runCli(['list']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^frameworks:\n {2}sklearn\s+scikit-learn — /);
  });
});
