/**
 * Pins across the option matrix: nothing floating (`labels/latest`, `:latest`), no vulnerable Keras, no
 * sqlite tracking store next to mlflow-skinny, one Python version per project, and CPU builds of PyTorch
 * and TensorFlow wherever no GPU runs (CPU training, CPU scoring, the CI's tests).
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { gpusOf } from '../../src/catalog/vm-sizes.js';
import { matrixSpecs, projects } from '../oracle/matrix.js';

const all = projects(matrixSpecs());
const text = (t: Map<string, string | Uint8Array>, p: string) => {
  const c = t.get(p);
  if (typeof c !== 'string') throw new Error(`${p} missing`);
  return c;
};
const pipOf = (conda: string) => (parse(conda).dependencies.find((d: unknown) => typeof d === 'object').pip as string[]);
const num = (v: string) => v.split('.').map(Number).reduce((a, n) => a * 1000 + n, 0);
const label = (s: { framework: string; target: string; serving: string; device: string }) => `${s.framework}/${s.target}/${s.serving}/${s.device}`;

describe('pins across the matrix', () => {
  it('nothing floats: no labels/latest, no :latest image, curated environments by version', () => {
    const found: string[] = [];
    for (const { spec, tree } of all) {
      for (const [path, c] of tree) {
        if (typeof c !== 'string') continue;
        for (const m of c.match(/labels\/latest|[\w./-]+:latest\b/g) ?? []) found.push(`${label(spec)} ${path}: ${m}`);
        for (const m of c.match(/azureml:\/\/registries\/azureml\/environments\/[^\s"']+/g) ?? []) {
          if (!/\/versions\/\d+$/.test(m)) found.push(`${label(spec)} ${path}: ${m}`);
        }
        for (const m of c.match(/mcr\.microsoft\.com\/azureml\/[^\s"']+/g) ?? []) {
          if (!/:\d{8}\.v\d+$/.test(m)) found.push(`${label(spec)} ${path}: ${m}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('no pin below the first release without a published advisory, and no sqlite:// tracking store', () => {
    // The advisories are named next to each pin in src/versions.ts.
    const floors: Record<string, string> = {
      keras: '3.15.0', // 3.14.0: CVE-2026-12481
      torch: '2.13.0', // 2.12.1: GHSA-rrmf-rvhw-rf47
      torchvision: '0.28.0', // torch 2.13.0's release
      pillow: '12.3.0', // 12.2.0: CVE-2026-59200 and others
      mlflow: '2.22.4',
      onnx: '1.22.0',
      tf2onnx: '1.17.0', // 1.16 forced protobuf~=3.20
      pytest: '9.0.3',
      'mlflow-skinny': '3.15.0', // the newest azureml-mlflow 1.62.0.post6 allows, not advisory-free (src/versions.ts)
      protobuf: '4.25.8', // only where something pins it
      ray: '2.55.0', // <= 2.54.x: CVE-2026-41486; <= 2.53.0: CVE-2026-27482
    };
    for (const { spec, tree } of all) {
      for (const [path, c] of tree) {
        if (typeof c !== 'string') continue;
        expect(c, `${label(spec)} ${path}`).not.toMatch(/sqlite:/); // mlflow-skinny has no SQLAlchemy
        for (const [name, floor] of Object.entries(floors)) {
          for (const m of c.matchAll(new RegExp(`(?<![\\w-])${name}(?:\\[[\\w,]+\\])?==(\\d+\\.\\d+\\.\\d+)`, 'g'))) {
            expect(num(m[1]), `${label(spec)} ${path}: ${m[0]}`).toBeGreaterThanOrEqual(num(floor));
          }
        }
      }
      // conda pins pip with one '=': pip < 26.2 has published advisories.
      for (const path of [...tree.keys()].filter((p) => /^environment\/.*conda\.yaml$/.test(p))) {
        const deps = parse(text(tree, path)).dependencies as unknown[];
        const pipPin = deps.find((d): d is string => typeof d === 'string' && d.startsWith('pip'));
        expect(pipPin, `${label(spec)} ${path}`).toMatch(/^pip=\d+\.\d+\.\d+$/);
        expect(num(pipPin!.slice(4)), `${label(spec)} ${path}: ${pipPin}`).toBeGreaterThanOrEqual(num('26.2.1'));
      }
    }
  });

  it('ONNX pins resolve: onnx wherever an exporter is, and numpy >= 1.23.2 next to it (onnx >= 1.21 needs it)', () => {
    let checked = 0;
    for (const { spec, tree } of all) {
      for (const path of [...tree.keys()].filter((p) => /^environment\/.*conda\.yaml$/.test(p))) {
        const reqs = pipOf(text(tree, path));
        if (!reqs.some((r) => /^(onnx|skl2onnx|tf2onnx)==/.test(r))) continue;
        checked++;
        expect(reqs, `${label(spec)} ${path}`).toContain('onnx==1.22.0');
        const numpy = reqs.find((r) => r.startsWith('numpy=='));
        expect(numpy && num(numpy.slice(7)), `${label(spec)} ${path}: ${numpy}`).toBeGreaterThanOrEqual(num('1.23.2'));
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('one Python version per project: conda, CI, pyproject and README agree', () => {
    for (const { spec, tree } of all) {
      const py = /python=(\d+\.\d+)/.exec(text(tree, 'environment/conda.yaml'))![1];
      expect(text(tree, 'pyproject.toml')).toContain(`requires-python = "==${py}.*"`);
      expect(text(tree, 'pyproject.toml')).toContain(`target-version = "py${py.replace('.', '')}"`);
      expect(text(tree, 'README.md')).toContain(`**Python ${py}**`);
      for (const path of [...tree.keys()].filter((p) => /^environment\/.*conda\.yaml$/.test(p))) {
        expect(text(tree, path), `${label(spec)} ${path}`).toContain(`python=${py}`);
      }
      if (tree.has('.github/workflows/ci.yml')) {
        for (const m of text(tree, '.github/workflows/ci.yml').matchAll(/python-version: "([\d.]+)"/g)) expect(m[1]).toBe(py);
      }
      // numpy 1.22 (the sklearn-1.5 stack) has wheels up to Python 3.10 only.
      if (/numpy==1\.22\./.test(text(tree, 'environment/conda.yaml'))) expect(py).toBe('3.10');
    }
  });

  it('CPU builds wherever no GPU runs', () => {
    const cpuOnly = (reqs: string[], where: string) => {
      expect(reqs.join('\n'), where).not.toMatch(/\[and-cuda\]/);
      if (reqs.some((r) => /^torch==/.test(r))) expect(reqs, where).toContain('--extra-index-url https://download.pytorch.org/whl/cpu');
    };
    let scoringFiles = 0;
    for (const { spec, tree } of all) {
      cpuOnly(text(tree, 'requirements-dev.txt').trim().split('\n'), `${label(spec)} requirements-dev.txt`);
      if (spec.device === 'cpu') cpuOnly(pipOf(text(tree, 'environment/conda.yaml')), `${label(spec)} conda.yaml`);
      else expect(pipOf(text(tree, 'environment/conda.yaml')).join('\n')).not.toMatch(/whl\/cpu/);
      if (!tree.has('deploy/deployment.yml')) continue;
      const deployment = parse(text(tree, 'deploy/deployment.yml'));
      const condaPath = deployment.environment?.conda_file as string | undefined;
      if (!condaPath) continue;
      scoringFiles++;
      const onGpu = (gpusOf(deployment.instance_type ?? '') ?? 0) > 0;
      const reqs = pipOf(text(tree, condaPath.replace('../', '')));
      if (!onGpu) cpuOnly(reqs, `${label(spec)} ${condaPath}`);
    }
    expect(scoringFiles).toBeGreaterThan(20);
  });
});
