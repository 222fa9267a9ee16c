/**
 * A dated catalog of the Azure VM sizes aml-scaffold writes or checks: the defaults `init` writes, GPUs
 * per node, and the series that Azure has retired or announced for retirement, each with its date and a
 * current replacement. `validate` and `doctor` warn on a retired or retiring size.
 *
 * Sources (only what a source states is listed here):
 * - [R] Microsoft Learn, "VM size series retirements, capacity growth restrictions, and modernization
 *   guidance" (MicrosoftDocs/azure-docs, articles/virtual-machines/sizes, ms.date 09/24/2026): the tables
 *   of retired and retiring series with their planned retirement dates. It also says that End of Life
 *   series (D, Ds, Dv2, Dsv2, Dv3, Dsv3, B, Av2, Ev3, Esv3, F, Fs, Fsv2, G, Gs, Ls, Lsv2) are under
 *   capacity growth restrictions from July 2026: new subscriptions cannot deploy them. So no default
 *   below is in a retiring series.
 * - [NC] MicrosoftDocs/azure-docs articles/virtual-machines/ncv3-nc6s-nc12s-nc24s-retirement.md (NCv3,
 *   2025-09-30) and the NV-series retirement guide (NV, 2023-09-06); NC, NCv2 and ND (v1) from
 *   ../shared/reference/azureml-facts.md (2026-12 corrections).
 * Not listed because no source we found states a retirement: NCasT4_v3, NC A100 v4, NC H100 v5, NDv2,
 * ND A100 v4, NVadsA10 v5, Dv5/Ddsv5, Ev5.
 */
export const CATALOG_DATE = '2026-12-07';

export interface Retirement {
  series: string;
  /** ISO date on which the series stops running (or stopped). */
  date: string;
  /** A current size to use instead. */
  replacement: string;
}

/**
 * The sizes `init` writes by default, all in current series:
 * - GPU training: Standard_NC4as_T4_v3, one NVIDIA T4 (16 GB), 4 vCPUs: the cheapest single-GPU size in a
 *   current series, enough for the generated models, and the usual first GPU quota a subscription gets.
 *   For bigger models: Standard_NC24ads_A100_v4 (A100) or Standard_NC40ads_H100_v5 (H100).
 * - CPU training and serving: Standard_D4ds_v5, 4 vCPUs, 16 GiB: the Dv5 successor that [R] recommends
 *   for the Dv2/Dsv2 sizes (Standard_DS3_v2 was the old default; its series retires on 2028-05-01 and new
 *   subscriptions can no longer deploy it).
 * - GPU serving (Triton): Standard_NC4as_T4_v3.
 */
export const DEFAULT_SIZES = {
  cpuTrain: 'Standard_D4ds_v5',
  gpuTrain: 'Standard_NC4as_T4_v3',
  cpuServe: 'Standard_D4ds_v5',
  gpuServe: 'Standard_NC4as_T4_v3',
} as const;

const cpu = DEFAULT_SIZES.cpuTrain;
const t4 = 'Standard_NC4as_T4_v3';
const a10 = 'Standard_NV6ads_A10_v5';
const r = (series: string, date: string, replacement: string): Retirement => ({ series, date, replacement });

/** Retired and retiring series, matched against a size name (case-insensitive). */
const RETIREMENTS: { pattern: RegExp; retirement: Retirement }[] = [
  // GPU [NC] [R]
  { pattern: /^standard_nc\d+r?s_v3$/, retirement: r('NCv3', '2025-09-30', t4) },
  { pattern: /^standard_nc\d+r?s_v2$/, retirement: r('NCv2', '2023-09-06', t4) },
  { pattern: /^standard_nc\d+r?(_promo)?$/, retirement: r('NC', '2023-09-06', t4) },
  { pattern: /^standard_nd\d+r?s$/, retirement: r('ND', '2023-09-06', 'Standard_NC24ads_A100_v4') },
  { pattern: /^standard_nv\d+(_promo)?$/, retirement: r('NV', '2023-09-06', a10) },
  { pattern: /^standard_nv\d+s_v3$/, retirement: r('NVv3', '2026-09-30', a10) },
  { pattern: /^standard_nv\d+as_v4$/, retirement: r('NVv4', '2026-09-30', a10) },
  // General purpose [R]
  { pattern: /^standard_d\d+$/, retirement: r('D', '2028-05-01', cpu) },
  { pattern: /^standard_ds\d+$/, retirement: r('Ds', '2028-05-01', cpu) },
  { pattern: /^standard_d\d+_v2(_promo)?$/, retirement: r('Dv2', '2028-05-01', cpu) },
  { pattern: /^standard_ds\d+(-\d+)?_v2(_promo)?$/, retirement: r('Dsv2', '2028-05-01', cpu) },
  { pattern: /^standard_a\d+m?_v2$/, retirement: r('Av2/Amv2', '2028-11-15', cpu) },
  { pattern: /^standard_b\d+(ls|s|ms)$/, retirement: r('B (v1)', '2028-11-15', cpu) },
  { pattern: /^standard_d\d+_v3$/, retirement: r('Dv3', '2029-11-15', cpu) },
  { pattern: /^standard_d\d+s_v3$/, retirement: r('Dsv3', '2029-11-15', cpu) },
  // Compute, memory and storage optimized [R]
  { pattern: /^standard_f\d+s?$/, retirement: r('F/Fs', '2028-11-15', cpu) },
  { pattern: /^standard_f\d+s_v2$/, retirement: r('Fsv2', '2028-11-15', cpu) },
  { pattern: /^standard_gs?\d+(-\d+)?$/, retirement: r('G/Gs', '2028-11-15', 'Standard_E4ds_v5') },
  { pattern: /^standard_e\d+_v3$/, retirement: r('Ev3', '2029-11-15', 'Standard_E4ds_v5') },
  { pattern: /^standard_e\d+(-\d+)?i?s_v3$/, retirement: r('Esv3', '2029-11-15', 'Standard_E4ds_v5') },
  { pattern: /^standard_m192id?m?s_v2$/, retirement: r('Msv2/Mdsv2 (M192i*)', '2027-03-31', 'Standard_M192is_v3') },
  { pattern: /^standard_l\d+s$/, retirement: r('Ls', '2028-05-01', 'Standard_L8s_v3') },
  { pattern: /^standard_l\d+s_v2$/, retirement: r('Lsv2', '2028-11-15', 'Standard_L8s_v3') },
  // HPC and FPGA [R]
  { pattern: /^standard_hc44(-\d+)?rs$/, retirement: r('HC', '2027-05-31', 'Standard_HX176rs') },
  { pattern: /^standard_hb120(-\d+)?rs_v2$/, retirement: r('HBv2', '2027-05-31', 'Standard_HB176rs_v4') },
  { pattern: /^standard_np\d+s$/, retirement: r('NP', '2027-05-31', 'Standard_NC4as_T4_v3') },
];

/** GPUs per node of the GPU sizes we know (lower-case names), for the default --processes-per-node. */
export const GPUS_PER_SIZE: Readonly<Record<string, number>> = {
  // NCasT4_v3: NVIDIA T4
  standard_nc4as_t4_v3: 1,
  standard_nc8as_t4_v3: 1,
  standard_nc16as_t4_v3: 1,
  standard_nc64as_t4_v3: 4,
  // NC A100 v4
  standard_nc24ads_a100_v4: 1,
  standard_nc48ads_a100_v4: 2,
  standard_nc96ads_a100_v4: 4,
  // NC H100 v5
  standard_nc40ads_h100_v5: 1,
  standard_nc80adis_h100_v5: 2,
  // ND (8-GPU nodes)
  standard_nd40rs_v2: 8,
  standard_nd96asr_v4: 8,
  standard_nd96amsr_a100_v4: 8,
  standard_nd96isr_h100_v5: 8,
  // NVadsA10 v5 (the smaller sizes are GPU fractions, counted as one device)
  standard_nv6ads_a10_v5: 1,
  standard_nv12ads_a10_v5: 1,
  standard_nv18ads_a10_v5: 1,
  standard_nv36ads_a10_v5: 1,
  standard_nv72ads_a10_v5: 2,
  // Retired sizes: known so that their GPU count stays right while validate warns about them.
  standard_nc6s_v3: 1,
  standard_nc12s_v3: 2,
  standard_nc24s_v3: 4,
  standard_nc24rs_v3: 4,
};

/** The retirement of a size's series, or undefined for a current (or unknown) size. */
export function retirementOf(size: string): Retirement | undefined {
  const name = size.trim().toLowerCase();
  return RETIREMENTS.find((x) => x.pattern.test(name))?.retirement;
}

/** True when the size's series is retired on `today` (ISO date); a retiring one is not yet. */
export function isRetired(size: string, today = new Date().toISOString().slice(0, 10)): boolean {
  const ret = retirementOf(size);
  return ret !== undefined && ret.date <= today;
}

/** GPUs per node, or undefined for a CPU or unknown size. */
export function gpusOf(size: string): number | undefined {
  return GPUS_PER_SIZE[size.trim().toLowerCase()];
}
