/**
 * A dated catalog of the Azure VM sizes aml-scaffold writes or checks: GPUs per node, and the series
 * that Azure has retired or announced for retirement, each with its date and a current replacement.
 * `init` takes its defaults from here; `validate` and `doctor` warn on a retired or retiring size.
 * Sources: ../shared/reference/azureml-facts.md (2026-12 corrections) and Microsoft's retirement notices
 * (learn.microsoft.com, articles/virtual-machines/*retirement*).
 */
export const CATALOG_DATE = '2026-12-07';

export interface Retirement {
  series: string;
  /** ISO date on which the series stops running (or stopped). */
  date: string;
  /** A current size to use instead. */
  replacement: string;
}

/** Retired and retiring series, matched against a size name (case-insensitive). */
const RETIREMENTS: { pattern: RegExp; retirement: Retirement }[] = [
  { pattern: /^standard_nc\d+r?s_v3$/, retirement: { series: 'NCv3', date: '2025-09-30', replacement: 'Standard_NC4as_T4_v3' } },
  { pattern: /^standard_nc\d+r?s_v2$/, retirement: { series: 'NCv2', date: '2023-09-06', replacement: 'Standard_NC4as_T4_v3' } },
  { pattern: /^standard_nc\d+r?$/, retirement: { series: 'NC', date: '2023-09-06', replacement: 'Standard_NC4as_T4_v3' } },
  { pattern: /^standard_nd\d+r?s$/, retirement: { series: 'ND', date: '2023-09-06', replacement: 'Standard_NC24ads_A100_v4' } },
  { pattern: /^standard_nv\d+$/, retirement: { series: 'NV', date: '2023-09-06', replacement: 'Standard_NV6ads_A10_v5' } },
];

/** GPUs per node of the GPU sizes we know (lower-case names), for the default --processes-per-node. */
export const GPUS_PER_SIZE: Readonly<Record<string, number>> = {
  standard_nc4as_t4_v3: 1,
  standard_nc8as_t4_v3: 1,
  standard_nc16as_t4_v3: 1,
  standard_nc64as_t4_v3: 4,
  standard_nc24ads_a100_v4: 1,
  standard_nc48ads_a100_v4: 2,
  standard_nc96ads_a100_v4: 4,
  standard_nc40ads_h100_v5: 1,
  standard_nc80adis_h100_v5: 2,
  standard_nd96asr_v4: 8,
  standard_nd96amsr_a100_v4: 8,
  standard_nd96isr_h100_v5: 8,
  standard_nv6ads_a10_v5: 1,
  standard_nv36ads_a10_v5: 1,
};

/** The retirement of a size's series, or undefined for a current (or unknown) size. */
export function retirementOf(size: string): Retirement | undefined {
  const name = size.trim().toLowerCase();
  return RETIREMENTS.find((r) => r.pattern.test(name))?.retirement;
}

/** True when the size's series is retired on `today` (ISO date); a retiring one is not yet. */
export function isRetired(size: string, today = new Date().toISOString().slice(0, 10)): boolean {
  const r = retirementOf(size);
  return r !== undefined && r.date <= today;
}

/** GPUs per node, or undefined for a CPU or unknown size. */
export function gpusOf(size: string): number | undefined {
  return GPUS_PER_SIZE[size.trim().toLowerCase()];
}
