/**
 * The VM-size catalog (src/catalog/vm-sizes.ts): defaults in current series, retirements matched by
 * series, and no generated project, anywhere in the option matrix, naming a retired or retiring size.
 */
import { describe, expect, it } from 'vitest';
import { CATALOG_DATE, DEFAULT_SIZES, gpusOf, isRetired, retirementOf } from '../../src/catalog/vm-sizes.js';
import { matrixSpecs, projects } from '../oracle/matrix.js';

describe('VM-size catalog', () => {
  it('defaults are in current series, and the GPU default has one GPU', () => {
    for (const size of Object.values(DEFAULT_SIZES)) expect(retirementOf(size), size).toBeUndefined();
    expect(gpusOf(DEFAULT_SIZES.gpuTrain)).toBe(1);
    expect(gpusOf(DEFAULT_SIZES.cpuTrain)).toBeUndefined();
  });

  it('knows retired and retiring series, with a current replacement', () => {
    const cases: Record<string, [string, string]> = {
      Standard_NC6s_v3: ['NCv3', '2025-09-30'],
      standard_nc24rs_v3: ['NCv3', '2025-09-30'],
      Standard_NC12: ['NC', '2023-09-06'],
      Standard_NV12s_v3: ['NVv3', '2026-09-30'],
      Standard_NV8as_v4: ['NVv4', '2026-09-30'],
      Standard_DS3_v2: ['Dsv2', '2028-05-01'],
      Standard_D3_v2: ['Dv2', '2028-05-01'],
      Standard_D4s_v3: ['Dsv3', '2029-11-15'],
      Standard_F4s_v2: ['Fsv2', '2028-11-15'],
      Standard_E8s_v3: ['Esv3', '2029-11-15'],
      Standard_B2ms: ['B (v1)', '2028-11-15'],
    };
    for (const [size, [series, date]] of Object.entries(cases)) {
      const r = retirementOf(size);
      expect(r, size).toMatchObject({ series, date });
      expect(retirementOf(r!.replacement), `${size} → ${r!.replacement}`).toBeUndefined();
    }
    for (const current of ['Standard_NC4as_T4_v3', 'Standard_NC24ads_A100_v4', 'Standard_D4ds_v5', 'Standard_D4s_v5', 'Standard_E4ds_v5', 'Standard_ND96asr_v4']) {
      expect(retirementOf(current), current).toBeUndefined();
    }
    expect(isRetired('Standard_NC6s_v3', CATALOG_DATE)).toBe(true);
    expect(isRetired('Standard_DS3_v2', CATALOG_DATE)).toBe(false);
    expect(isRetired('Standard_DS3_v2', '2028-05-01')).toBe(true);
  });

  it('no generated project names a retired or retiring VM size, in any file', () => {
    const found: string[] = [];
    for (const { spec, tree } of projects(matrixSpecs())) {
      for (const [path, content] of tree) {
        if (typeof content !== 'string') continue;
        for (const size of content.match(/\bStandard_[A-Za-z0-9_-]+/g) ?? []) {
          const r = retirementOf(size);
          if (r) found.push(`${spec.framework}/${spec.target}/${spec.serving} ${path}: ${size} (${r.series}, ${r.date})`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
