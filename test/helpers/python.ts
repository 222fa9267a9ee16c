import { execa } from 'execa';

/** Debian's python3 holds the real scientific libraries; AML_SCAFFOLD_PYTHON overrides it. */
export const PYTHON = process.env.AML_SCAFFOLD_PYTHON ?? '/usr/bin/python3';

/** Missing Python libraries are a failure in CI and a visible skip on a developer machine. */
export async function pythonHas(modules: string[]): Promise<{ ok: boolean; missing: string[] }> {
  const missing: string[] = [];
  for (const m of modules) {
    const r = await execa(PYTHON, ['-c', `import ${m}`], { reject: false });
    if (r.exitCode !== 0) missing.push(m);
  }
  if (missing.length > 0 && process.env.CI) {
    throw new Error(`CI needs the Python modules ${missing.join(', ')} for ${PYTHON} (see .ci/run)`);
  }
  return { ok: missing.length === 0, missing };
}
