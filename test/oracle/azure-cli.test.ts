/**
 * The real Azure CLI as an oracle for the core `az` commands the generated workflows run (everything
 * but `az ml`, whose extension is not installed): Debian's azure-cli parses each argument list offline
 * and then fails at login or at the network, never at parsing. The argument lists are the ones the
 * workflow really passed, recorded by the fake CLI while test/workflows/runner.ts ran the workflow.
 */
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tree } from '../helpers/tree.js';
import { loadWorkflow, runJob, type RunContext } from '../workflows/runner.js';

const azInstalled = (await execa('az', ['version'], { reject: false, env: { AZURE_CORE_COLLECT_TELEMETRY: 'no' } }).catch(() => ({ exitCode: 1 }))).exitCode === 0;
if (!azInstalled && process.env.CI) throw new Error('CI needs azure-cli (see .ci/run)');

const PARSE_ERROR = /unrecognized arguments|the following arguments are required|expected one argument|invalid choice|is misspelled or not recognized|not in the '.*' command group/i;

describe.skipIf(!azInstalled)('core az commands of the generated workflows, parsed by the real azure-cli', () => {
  const root = mkdtempSync(join(tmpdir(), 'aml-azcli-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('every non-ml az call of a long run (train, re-login, register, deploy) parses', async () => {
    const calls = new Set<string>();
    for (const [i, fields] of [{}].entries()) {
      const projectDir = join(root, `p${i}`);
      const stateDir = join(root, `s${i}`);
      mkdirSync(stateDir, { recursive: true });
      const t = tree({ workspace: 'ws-1', resourceGroup: 'rg-1', training: 'job', ...fields });
      for (const [path, content] of t) {
        mkdirSync(dirname(join(projectDir, path)), { recursive: true });
        writeFileSync(join(projectDir, path), content);
      }
      const wf = loadWorkflow(t.get('.github/workflows/train-deploy.yml') as string);
      const ctx: RunContext = { projectDir, stateDir, needs: {}, env: { FAKE_TOKEN_SECONDS: '300', FAKE_JOB_SECONDS: '900' } };
      const train = await runJob(wf, 'train', ctx);
      ctx.needs.train = train.outputs;
      const deploy = await runJob(wf, 'deploy', ctx);
      expect(train.ok && deploy.ok).toBe(true);
      for (const line of readFileSync(join(stateDir, 'argv'), 'utf8').split('\n')) {
        if (line.trim() && !line.startsWith('ml ')) calls.add(line.trim());
      }
    }
    // login (federated), account set, get-access-token (two scopes), configure, extension add.
    expect([...calls].map((c) => c.split(' ').slice(0, 2).join(' ')).sort()).toEqual(
      expect.arrayContaining(['account get-access-token', 'account set', 'configure --defaults', 'extension add', 'login --service-principal']),
    );
    const config = join(root, 'azure-config');
    mkdirSync(config);
    for (const call of calls) {
      const r = await execa('bash', ['-c', `az ${call}`], {
        reject: false,
        timeout: 60_000,
        all: true,
        // A closed proxy: anything that reaches for the network fails at once, after parsing.
        env: { AZURE_CONFIG_DIR: config, HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', AZURE_CORE_COLLECT_TELEMETRY: 'no', AZURE_CORE_ONLY_SHOW_ERRORS: 'true' },
      });
      expect(String(r.all), `az ${call}`).not.toMatch(PARSE_ERROR);
    }
  });

  it('the oracle catches a misspelled option', async () => {
    const r = await execa('az', ['login', '--service-principal', '-u', 'x', '-t', 'y', '--federated-tokn', 'z'], {
      reject: false,
      all: true,
      env: { AZURE_CONFIG_DIR: join(root, 'cfg2'), AZURE_CORE_COLLECT_TELEMETRY: 'no' },
    });
    expect(String(r.all)).toMatch(PARSE_ERROR);
  });
});
