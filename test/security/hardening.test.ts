/**
 * The generated project is safe by default: least-privilege workflows with OIDC only, pinned actions,
 * no expression or secret in any shell script, a .gitignore that keeps secrets out, no identifiers or
 * credentials in any file, and scoring scripts that answer bad input with an error payload.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { FileTree } from '../../src/core/tree.js';
import { EXTRAS, FRAMEWORKS } from '../../src/spec/ids.js';
import { expressions, generateFrom, LEFTOVER_TAG, runScripts, text, tryParse } from './support.js';

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Workflow = { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { permissions?: unknown; steps: Step[] }> };

const CI = '.github/workflows/ci.yml';
const TD = '.github/workflows/train-deploy.yml';
const SPECS: Record<string, unknown>[] = [
  ...FRAMEWORKS.map((framework) => ({ framework })),
  { serving: 'triton' },
  { target: 'batch' },
  { target: 'kubernetes' }, // kubernetes + mlflow is refused (no-code MLflow is managed online and batch only)
  { target: 'none', pinActions: 'sha' },
  { framework: 'pytorch', serving: 'triton', pinActions: 'sha', workspace: 'ws-1', resourceGroup: 'rg(ml).eu' },
  // Every extra the default spec accepts, together (extras add files, jobs and dependencies).
  { extras: EXTRAS.filter((id) => 'spec' in tryParse({ name: 'demo', extras: [id] })) },
];
const trees = SPECS.map((s) => [JSON.stringify(s), generateFrom({ name: 'demo', ...s })] as [string, FileTree]);
const workflow = (t: FileTree, p: string) => parse(text(t, p)) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);

describe.each(trees)('generated workflows of %s', (_, tree) => {
  it('declare least permissions at the top and never widen them per job', () => {
    expect(workflow(tree, CI).permissions).toEqual({ contents: 'read' });
    expect(workflow(tree, TD).permissions).toEqual({ 'id-token': 'write', contents: 'read' });
    for (const p of [CI, TD]) for (const job of Object.values(workflow(tree, p).jobs)) expect(job.permissions).toBeUndefined();
  });

  it('never run on pull_request_target or workflow_run (untrusted code with secrets)', () => {
    for (const p of [CI, TD]) expect(Object.keys(workflow(tree, p).on)).not.toEqual(expect.arrayContaining(['pull_request_target']));
    for (const p of [CI, TD]) expect(text(tree, p)).not.toMatch(/pull_request_target|workflow_run/);
  });

  it('log in to Azure with OIDC only: three secrets by name, no creds, no client secret', () => {
    const logins = steps(workflow(tree, TD)).filter((s) => s.uses?.startsWith('azure/login@'));
    expect(logins.length).toBeGreaterThan(0);
    for (const s of logins) {
      expect(s.with).toEqual({
        'client-id': '${{ secrets.AZURE_CLIENT_ID }}',
        'tenant-id': '${{ secrets.AZURE_TENANT_ID }}',
        'subscription-id': '${{ secrets.AZURE_SUBSCRIPTION_ID }}',
      });
    }
    expect(text(tree, TD)).not.toMatch(/creds:|client-secret|AZURE_CREDENTIALS/);
  });

  it('keep every ${{ }} out of run: scripts, and secrets out of everything but the login step', () => {
    for (const p of [CI, TD]) {
      const w = workflow(tree, p);
      for (const script of runScripts(w)) expect(expressions(script), script).toEqual([]);
      for (const s of steps(w)) {
        const outsideLogin = JSON.stringify({ ...s, with: s.uses?.startsWith('azure/login@') ? undefined : s.with });
        expect(outsideLogin).not.toContain('secrets.');
      }
    }
  });

  it('never echo a secret or token without masking it first', () => {
    for (const script of [...runScripts(workflow(tree, CI)), ...runScripts(workflow(tree, TD))]) {
      const lines = script.split('\n');
      lines.forEach((l, i) => {
        const printsSecret = /\b(echo|printf)\b.*\$\{?(TOKEN|SECRET|KEY|PASSWORD)/i.test(l) && !l.includes('::add-mask::');
        if (printsSecret) expect(lines.slice(0, i).join('\n'), l).toMatch(/::add-mask::/);
      });
      expect(script).not.toMatch(/set -x|get-credentials[^\n]*-o json/);
    }
  });

  it('check out without leaving the token in .git/config', () => {
    for (const p of [CI, TD]) {
      for (const s of steps(workflow(tree, p)).filter((x) => x.uses?.startsWith('actions/checkout@'))) {
        expect(s.with?.['persist-credentials']).toBe(false);
      }
    }
  });

  it('pin every action: a tag by default, a full commit SHA with the version in a comment on request', () => {
    const sha = SPECS[trees.findIndex(([, t]) => t === tree)].pinActions === 'sha';
    for (const p of [CI, TD]) {
      const lines = text(tree, p).split('\n').filter((l) => /^\s*- uses: /.test(l));
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) {
        if (sha) expect(l).toMatch(/^\s*- uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
        else expect(l).toMatch(/^\s*- uses: [\w.-]+\/[\w.-]+@v\d+$/);
      }
    }
  });
});

describe.each(trees)('generated files of %s', (_, tree) => {
  it('.gitignore keeps secrets, local config and training output out of git', () => {
    const lines = text(tree, '.gitignore').split('\n').map((l) => l.trim());
    for (const entry of ['.env', 'config.json', '*.pem', 'mlruns/', 'outputs/']) expect(lines).toContain(entry);
  });

  it('hold no subscription or tenant id, key, token or connection string', () => {
    const secretLike = [
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i, // a GUID: subscription, tenant or client id
      /AccountKey=|SharedAccessSignature|[?&]sig=[A-Za-z0-9%]{20,}/,
      /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
      /\b(gh[pousr]_[A-Za-z0-9]{30,}|AKIA[0-9A-Z]{16})\b/,
      /(client[_-]?secret|password)\s*[:=]\s*["']?[^\s"'$<{]{6,}/i,
    ];
    for (const [path, content] of tree) {
      if (typeof content !== 'string') continue;
      for (const re of secretLike) expect(re.test(content), `${path} matches ${re}`).toBe(false);
    }
  });

  it('leave no template tag (the detector itself tells ${{ }} from {{ }})', () => {
    expect(LEFTOVER_TAG.test('a {{x}}')).toBe(true);
    expect(LEFTOVER_TAG.test('a ${{ github.ref }}')).toBe(false);
    for (const [path, content] of tree) if (typeof content === 'string') expect(LEFTOVER_TAG.test(content), path).toBe(false);
  });
});

describe('scoring scripts answer bad input with an error payload, never a traceback', () => {
  it.each(FRAMEWORKS)('%s: run() catches everything, limits the payload, and its own tests prove bad input', (framework) => {
    const tree = generateFrom({ name: 'demo', framework });
    const score = text(tree, 'src/score.py');
    expect(score).toMatch(/def run\(/);
    expect(score).toMatch(/except Exception/);
    const limits = [...tree].filter(([p, c]) => p.startsWith('src/') && typeof c === 'string' && /^MAX_\w+ = /m.test(c));
    expect(limits.length, 'a MAX_* size limit in src/').toBeGreaterThan(0);
    const tests = [...tree].filter(([p]) => /^tests\/test_.*\.py$/.test(p)).map(([, c]) => c as string).join('\n');
    expect(tests).toMatch(/def test_\w*(malformed|bad_request|bad_input)\w*\(/);
    expect(tests).toMatch(/larger than|MAX_\w+ \+ 1/);
  });
});
