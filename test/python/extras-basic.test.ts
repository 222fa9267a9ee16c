import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { checkPython, initProject, runPytest } from '../helpers/project.js';
import { PYTHON, pythonHas } from '../helpers/python.js';

/**
 * Generated projects with the extras tensorboard, onnx and sweep run their own pytest here. The only
 * skips allowed are tests that need a package Debian does not ship (tensorboard, skl2onnx, onnxruntime):
 * each skip reason must name one, and that package must really be missing here. This includes the
 * framework's own ONNX test, which the onnx extra switches on.
 */
const base = await pythonHas(['sklearn', 'torch', 'torchvision', 'onnx', 'numpy', 'pytest', 'pyflakes', 'yaml']);
// Not in Debian: absent here and in this repository's CI, installed by the generated project's own CI.
const optional = ['tensorboard', 'skl2onnx', 'onnxruntime'];
const importable = async (m: string) => (await execa(PYTHON, ['-c', `import ${m}`], { reject: false })).exitCode === 0;
const missingHere = new Set((await Promise.all(optional.map(async (m) => ((await importable(m)) ? null : m)))).filter((m): m is string => m !== null));

const skipReasons = (output: string) => [...output.matchAll(/^SKIPPED \[\d+\] ([^:]+):\d+: (.*)$/gm)].map((m) => ({ file: m[1], reason: m[2] }));
const ran = (output: string, file: string) => [...output.matchAll(new RegExp(`^${file}::(\\w+) PASSED`, 'gm'))].map((m) => m[1]);

const extrasCases = [['tensorboard'], ['onnx'], ['sweep'], ['tensorboard', 'onnx', 'sweep']];

describe.skipIf(!base.ok)(
  `generated projects with tensorboard/onnx/sweep pass their own tests; skips only for ${[...missingHere].join(', ') || 'nothing'} (not installable here) (needs ${base.missing.join(', ') || 'nothing missing'})`,
  () => {
    let tmp: Awaited<ReturnType<typeof tempDir>>;
    beforeAll(async () => {
      tmp = await tempDir('aml-extras-');
    });
    afterAll(() => tmp.cleanup());

    it.each(['sklearn', 'pytorch'].flatMap((framework) => extrasCases.map((extras) => [framework, extras.join(',')] as const)))(
      '%s + %s: compiles, pyflakes-clean, pytest exit 0',
      async (framework, extras) => {
        const dir = await initProject(tmp.path, `${framework}-${extras.replace(/,/g, '-')}`.slice(0, 24).replace(/-$/, ''), [
          '--framework', framework, '--extras', extras, '--device', 'cpu',
        ]);
        await checkPython(dir);
        const r = await runPytest(dir);
        expect(r.exitCode, r.output).toBe(0);
        expect(r.failed).toBe(0);
        for (const { file, reason } of skipReasons(r.output)) {
          const lib = optional.find((m) => reason.includes(m));
          expect(lib, `${file}: ${reason}`).toBeDefined();
          expect(missingHere.has(lib ?? ''), `${file} skipped for ${lib}, which is installed`).toBe(true);
        }
        const ids = extras.split(',');
        if (ids.includes('tensorboard')) {
          expect(ran(r.output, 'tests/test_extra_tensorboard.py')).toEqual(
            expect.arrayContaining(['test_train_py_runs_this_extra', 'test_hooks_write_every_metric_and_close', 'test_missing_tensorboard_warns_and_training_goes_on']),
          );
        }
        if (ids.includes('onnx')) {
          const onnxRan = ran(r.output, 'tests/test_extra_onnx.py');
          expect(onnxRan).toContain('test_missing_exporter_warns_and_training_goes_on');
          // PyTorch needs only torch + onnx: the export and onnx.checker test never skips.
          if (framework === 'pytorch') expect(onnxRan).toContain('test_export_is_valid_onnx_and_logged');
        }
        if (ids.includes('sweep')) {
          expect(ran(r.output, 'tests/test_extra_sweep.py').sort()).toEqual(['test_a_trial_logs_the_objective', 'test_search_space_is_what_the_command_uses']);
        }
      },
    );
  },
);
