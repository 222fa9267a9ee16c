import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MANIFEST } from '../../src/manifest.js';
import { text, tree } from '../helpers/tree.js';

describe('aml-scaffold.json', () => {
  const t = tree({ extras: ['sweep'] });
  const manifest = JSON.parse(text(t, MANIFEST));

  it('records the tool, its version, the full spec and timestamps', () => {
    expect(manifest).toMatchObject({ tool: 'aml-scaffold', manifestVersion: 1 });
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.spec).toMatchObject({ name: 'demo', framework: 'sklearn', extras: ['sweep'], compute: 'cpu-cluster' });
    expect(Date.parse(manifest.createdAt)).not.toBeNaN();
  });

  it('has the sha256 of every other generated file, and nothing else', () => {
    const others = [...t.keys()].filter((p) => p !== MANIFEST);
    expect(Object.keys(manifest.files).sort()).toEqual(others.sort());
    for (const p of others) {
      expect(manifest.files[p], p).toBe(createHash('sha256').update(t.get(p) as string | Uint8Array).digest('hex'));
    }
  });
});
