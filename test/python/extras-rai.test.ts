import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { checkPython, initProject, runPytest } from '../helpers/project.js';
import { pythonHas } from '../helpers/python.js';

const libs = await pythonHas(['sklearn', 'numpy', 'pytest', 'pyflakes', 'yaml']);

/** Packages these extras pin that Debian does not ship: their tests may skip here, and only they. */
const NOT_INSTALLABLE: Record<string, string> = {
  fairlearn: 'fairlearn',
  'interpret-core': 'interpret',
  matplotlib: 'matplotlib',
  diffprivlib: 'diffprivlib',
  tenseal: 'tenseal',
};

/** `SKIPPED [1] tests/x.py:12: <reason>` lines of `pytest -rs`. */
function skipReasons(output: string): string[] {
  return [...output.matchAll(/^SKIPPED \[\d+\] [^:]+:\d+: (.+)$/gm)].map((m) => m[1]);
}

describe.skipIf(!libs.ok)(`generated scikit-learn projects with responsible-ai, privacy, encryption run their own tests (needs ${libs.missing.join(', ') || 'nothing missing'})`, () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir('aml-rai-');
  });
  afterAll(() => tmp.cleanup());

  it.each([
    ['responsible-ai', ['--extras', 'responsible-ai'], ['test_extra_responsible_ai.py']],
    ['privacy', ['--extras', 'privacy'], ['test_extra_privacy.py']],
    ['encryption', ['--extras', 'encryption'], ['test_encryption.py']],
    ['encryption-k8s', ['--extras', 'encryption', '--target', 'kubernetes'], ['test_encryption.py']],
    ['all-three', ['--extras', 'responsible-ai,privacy,encryption'], ['test_extra_responsible_ai.py', 'test_extra_privacy.py', 'test_encryption.py']],
  ])(
    '%s: pytest passes, Python compiles and is pyflakes-clean; only tests needing fairlearn, interpret-core, matplotlib, diffprivlib or tenseal (not installable here) skip, and only when missing',
    async (label, args, testFiles) => {
      const dir = await initProject(tmp.path, `x-${label}`, args);
      await checkPython(dir);
      const r = await runPytest(dir);
      expect(r.exitCode, r.output).toBe(0);
      expect(r.failed).toBe(0);
      for (const file of testFiles) {
        // The extra's own pure tests ran and passed (at least five per file).
        const passed = r.output.split('\n').filter((l) => l.includes(`tests/${file}::`) && l.includes('PASSED'));
        expect(passed.length, `${file}\n${r.output}`).toBeGreaterThanOrEqual(5);
      }
      for (const reason of skipReasons(r.output)) {
        const pkg = Object.keys(NOT_INSTALLABLE).find((p) => reason.startsWith(`${p} is not installed`));
        expect(pkg, `unexpected skip: ${reason}`).toBeDefined();
        const present = await pythonHas([NOT_INSTALLABLE[pkg as string]]).catch(() => ({ ok: false }));
        expect(present.ok, `${pkg} is importable, yet its test skipped`).toBe(false);
      }
    },
  );
});
