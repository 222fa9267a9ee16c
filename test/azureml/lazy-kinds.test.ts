/**
 * Start-up cost: the Azure ML kind schemas are built the first time a file is validated against
 * them, not when the modules load (`init` checks a few kinds, `validate` often one).
 *
 * Constructions are counted through zod's post-processor hook, which zod calls once for every schema
 * it constructs: importing the kinds may build only `z.lazy` wrappers, and validating a command job
 * must build the command job and no other kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';

type KindsModule = typeof import('../../src/azureml/kinds/index.js');
type FieldsModule = typeof import('../../src/azureml/fields.js');
type LintModule = typeof import('../../src/azureml/lint.js');
type SweepModule = typeof import('../../src/azureml/kinds/sweep-job.js');

const counts = { lazy: 0, other: 0 };
const previous = z.config().postProcessor;
const snapshot = () => ({ ...counts });

let kinds: KindsModule;
let fields: FieldsModule;
let lint: LintModule;
let sweep: SweepModule;
let atImport: { lazy: number; other: number };

const SCHEMA = 'https://azuremlschemas.azureedge.net/latest';
const COMMAND_JOB = `$schema: ${SCHEMA}/commandJob.schema.json
command: python train.py --data \${{inputs.data}}
code: src
environment: azureml:sklearn-env@latest
compute: azureml:cpu-cluster
inputs:
  data:
    type: uri_file
    path: azureml:iris@latest
`;
const SWEEP_JOB = `$schema: ${SCHEMA}/sweepJob.schema.json
type: sweep
trial:
  command: python train.py --lr \${{search_space.lr}}
  code: src
  environment: azureml:sklearn-env@latest
sampling_algorithm: grid
search_space:
  lr:
    type: choice
    values: [0.1, 0.01]
objective:
  goal: maximize
  primary_metric: accuracy
`;

function validate(text: string) {
  return lint.validateFiles([{ path: 'project/job.yml', text }], { exists: () => true }).files[0];
}

const builtKinds = () => kinds.KINDS.filter((k) => fields.isBuilt(kinds.KIND_SCHEMAS[k]));

beforeAll(async () => {
  z.config({
    postProcessor: (inst: unknown) => {
      previous?.(inst);
      if (inst instanceof z.core.$ZodLazy) counts.lazy++;
      else if (inst instanceof z.core.$ZodType) counts.other++;
    },
  });
  // imported only now, so that every schema they construct at load time is counted
  kinds = await import('../../src/azureml/kinds/index.js');
  atImport = snapshot();
  fields = await import('../../src/azureml/fields.js');
  sweep = await import('../../src/azureml/kinds/sweep-job.js');
  lint = await import('../../src/azureml/lint.js');
});

afterAll(() => {
  z.config({ postProcessor: previous });
});

describe('kind schemas are built lazily', () => {
  it('importing the kinds constructs lazy wrappers only, and every kind is one of them, unbuilt', () => {
    expect(atImport.other).toBe(0);
    expect(atImport.lazy).toBeGreaterThanOrEqual(kinds.KINDS.length);
    for (const kind of kinds.KINDS) expect(kinds.KIND_SCHEMAS[kind], kind).toBeInstanceOf(z.core.$ZodLazy);
    expect(builtKinds()).toEqual([]);
    // loading the validator (parser, detection, reports) builds no schema either
    expect(snapshot()).toEqual(atImport);
  });

  it('validating a command job builds the command job and no other kind, once', () => {
    const report = validate(COMMAND_JOB);
    expect(report).toMatchObject({ kind: 'commandJob', valid: true, errors: [] });
    const afterFirst = snapshot();
    expect(afterFirst.other).toBeGreaterThan(20); // the counter sees real schemas being built
    expect(builtKinds()).toEqual(['commandJob']);
    expect(Object.values(sweep.SEARCH_SPACE_TYPES).some(fields.isBuilt)).toBe(false);

    expect(validate(COMMAND_JOB).valid).toBe(true);
    expect(snapshot()).toEqual(afterFirst);
  });

  it('a sweep job is built when first validated, with only the search-space types it uses', () => {
    const before = snapshot();
    expect(validate(SWEEP_JOB)).toMatchObject({ kind: 'sweepJob', valid: true, errors: [] });
    expect(snapshot().other).toBeGreaterThan(before.other);
    expect(builtKinds()).toEqual(['commandJob', 'sweepJob']);
    const types = Object.entries(sweep.SEARCH_SPACE_TYPES);
    expect(types.filter(([, schema]) => fields.isBuilt(schema)).map(([type]) => type)).toEqual(['choice']);
  });

  it('problems in lazily built parts keep their path, position and message', () => {
    const report = validate(`${COMMAND_JOB}resources:\n  instance_count: 0\n  instance_typo: x\n`);
    expect(report.errors.map((e) => `${e.line}:${e.column} ${e.path} ${e.message}`)).toEqual([
      '11:19 resources.instance_count must be >= 1',
      '12:3 resources.instance_typo unknown key "instance_typo" (did you mean "instance_type"?)',
    ]);
  });
});
