/**
 * Job inputs and outputs (facts §2 tables; SDK `_schema/job/input_output_entry.py`).
 * `inputs`/`outputs` themselves are free-form maps; each value is checked here.
 */
import * as z from 'zod/mini';
import { ciEnum, forward, isBinding, isPlainObject, lazy, obj, once, opt, refined, str, typeName, version } from '../fields.js';

const DATA_MODES = ['ro_mount', 'download', 'direct'];
/** eval_mount / eval_download are MLTable-only (facts §2). */
const MLTABLE_MODES = [...DATA_MODES, 'eval_mount', 'eval_download'];
const INPUT_TYPES = ['uri_file', 'uri_folder', 'mltable', 'mlflow_model', 'custom_model', 'triton_model'];
const OUTPUT_TYPES = ['uri_folder', 'uri_file', 'mltable', 'mlflow_model', 'custom_model', 'triton_model'];
const OUTPUT_MODES = ['rw_mount', 'upload', 'mount', 'direct'];

function inputObject(modes: string[], withPathOnCompute: boolean) {
  return obj({
    type: opt(z.unknown()), // defaults to uri_folder
    path: opt(str()),
    mode: opt(ciEnum(modes)),
    datastore: opt(str()),
    ...(withPathOnCompute ? { path_on_compute: opt(str()) } : {}),
  });
}

const inputByType = once((): Record<string, z.ZodMiniType> => ({
  uri_file: inputObject(DATA_MODES, true),
  uri_folder: inputObject(DATA_MODES, true),
  mltable: inputObject(MLTABLE_MODES, true),
  mlflow_model: inputObject(DATA_MODES, false),
  custom_model: inputObject(DATA_MODES, false),
  triton_model: inputObject(DATA_MODES, false),
}));

/** `{value: x}` is the SDK's InputLiteralValueSchema. */
const literalObject = lazy(() => obj({ value: z.unknown() }));

/** One input: a literal (number/int/bool/string) or `{type, path, mode}` (type defaults to uri_folder). */
export const inputValue = lazy(() => refined((v, ctx) => {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return;
  if (!isPlainObject(v)) {
    ctx.addIssue({ code: 'custom', message: `expected a literal value or a mapping with type/path/mode, got ${typeName(v)}` });
    return;
  }
  if (Object.hasOwn(v, 'value') && !Object.hasOwn(v, 'type') && !Object.hasOwn(v, 'path')) return forward(literalObject, v, ctx);
  const raw = v.type ?? 'uri_folder';
  const type = typeof raw === 'string' ? raw.toLowerCase() : '';
  if (!Object.hasOwn(inputByType(), type)) {
    ctx.addIssue({ code: 'custom', path: ['type'], message: `must be one of: ${INPUT_TYPES.join(', ')}` });
    return;
  }
  forward(inputByType()[type], v, ctx);
}));

const outputObject = lazy(() => obj({
  type: opt(ciEnum(OUTPUT_TYPES)),
  mode: opt(ciEnum(OUTPUT_MODES)),
  path: opt(str()),
  name: opt(str()),
  version: opt(version()),
}));

/** One output: empty (`{}` or null means uri_folder + rw_mount) or `{type, mode, path}`. */
export function outputValue(allowBinding = false) {
  return refined((v, ctx) => {
    if (v === null) return;
    if (allowBinding && isBinding(v)) return; // pipeline steps: `${{parent.outputs.x}}`
    if (!isPlainObject(v)) {
      ctx.addIssue({ code: 'custom', message: `expected a mapping with type/mode/path, got ${typeName(v)}` });
      return;
    }
    forward(outputObject, v, ctx);
  });
}

export const inputs = () => z.record(z.string(), inputValue);
export const outputs = (allowBinding = false) => z.record(z.string(), outputValue(allowBinding));
