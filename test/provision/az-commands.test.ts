/**
 * Every az command that provision and doctor build, checked by references we did not write:
 * - core commands (group, identity, role, account, extension, version) are run by Debian's real
 *   azure-cli 2.45 with an empty configuration: without a login each must fail at authentication (or,
 *   for extension commands, at the missing extension or network), never at argument parsing;
 * - `az ml` commands (the extension is not in Debian) against the reference table in az-ml-reference.ts.
 * No network is used: the CLI's proxy points at a closed local port, so nothing can be downloaded.
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readProject } from '../../src/azure/project.js';
import { provisionSteps } from '../../src/azure/steps.js';
import { checkAzMl } from './az-ml-reference.js';
import { cli, emptyAzure, fakeWorld, makeProject } from './helpers.js';

const AZ = '/usr/bin/az';
const PARSE_ERROR = /unrecognized arguments|the following arguments are required|invalid choice|expected one argument|is misspelled or not recognized|not a valid value/i;

/** The az commands of provision's dry runs over several projects and options, and of a doctor run. */
async function builtCommands(): Promise<string[][]> {
  const all: string[][] = [];
  const runs: [string[], string[]][] = [
    [['--workspace', 'ws1', '--resource-group', 'rg1'], ['--location', 'westeurope']],
    [['--workspace', 'ws1', '--resource-group', 'rg1'], ['--subscription', '11111111-2222-3333-4444-555555555555', '--low-priority']],
    [['--target', 'kubernetes'], []],
    [['--framework', 'pytorch', '--target', 'batch', '--extras', 'sweep'], ['--subscription', 'My Subscription', '--location', 'eastus2']],
    [['--compute', 'serverless', '--target', 'none'], []],
    [['--workspace', 'ws1', '--resource-group', 'rg1', '--registry', 'shared-models'], ['--location', 'westeurope']],
  ];
  let n = 0;
  for (const [init, options] of runs) {
    const dir = await makeProject(init, `p${n++}`);
    const world = await fakeWorld(emptyAzure());
    const r = await cli(['provision', '--dry-run', '--json', ...options], dir, world.env);
    expect(r.exitCode, r.stderr).toBe(0);
    all.push(...(JSON.parse(r.stdout).commands as string[][]));
  }
  // doctor's az commands, as it runs them against a healthy fake world
  const dir = await makeProject(['--workspace', 'ws1', '--resource-group', 'rg1'], 'doc');
  const world = await fakeWorld({
    ...emptyAzure(),
    az: { loggedIn: true, extensions: { ml: '2.32.0' }, workspaces: ['ws1'], computes: { 'cpu-cluster': { size: 'Standard_DS3_v2' } } },
  });
  await cli(['doctor', '--json'], dir, world.env);
  all.push(...world.log().filter((l) => l.tool === 'az').map((l) => ['az', ...l.argv]));
  // One of each shape: the same words and flags with other names (rg1, p0-rg) parse alike; the values
  // of flags with a fixed choice, and whether --subscription is there, are part of the shape.
  const CHOICE = new Set(['--output', '--assignee-principal-type', '--tier', '--type', '--role']);
  const shape = (c: string[]) => c.map((w, i) => (w.startsWith('-') || i < 4 || CHOICE.has(c[i - 1]) ? w : '_')).join(' ');
  const unique = new Map(all.filter((c) => c[0] === 'az').map((c) => [shape(c), c]));
  return [...unique.values()];
}

describe('az commands against references', () => {
  let commands: string[][];
  let config: string;
  beforeAll(async () => {
    commands = await builtCommands();
    config = await mkdtemp(join(tmpdir(), 'aml-azcfg-'));
  });

  const realAz = (argv: string[]) =>
    execa(AZ, argv, {
      reject: false,
      timeout: 90_000,
      stdin: 'ignore',
      extendEnv: false,
      env: {
        PATH: '/usr/bin:/bin',
        HOME: config,
        AZURE_CONFIG_DIR: config,
        AZURE_CORE_COLLECT_TELEMETRY: 'no',
        HTTPS_PROXY: 'http://127.0.0.1:9',
        HTTP_PROXY: 'http://127.0.0.1:9',
        NO_PROXY: '',
      },
    });

  it('builds the commands it should (a check that the lists below are not empty)', () => {
    const names = new Set(commands.map((c) => c.slice(1, 4).filter((w) => !w.startsWith('-')).join(' ')));
    for (const n of ['ml registry show', 'account show', 'group create', 'identity create', 'identity federated-credential create', 'role assignment create', 'ml workspace create', 'ml compute create', 'ml compute list-sizes', 'version']) {
      expect([...names].some((x) => x.startsWith(n)), n).toBe(true);
    }
  });

  it('Debian azure-cli is installed', () => {
    expect(existsSync(AZ), 'install Debian azure-cli (apt-get install azure-cli)').toBe(true);
  });

  it('tells a parse error from a login error (the check below can fail)', async () => {
    const bad = await realAz(['group', 'show', '--name', 'rg1', '--no-such-flag']);
    expect(`${bad.stderr}`).toMatch(PARSE_ERROR);
    const good = await realAz(['group', 'show', '--name', 'rg1']);
    expect(`${good.stderr}`).toMatch(/az login/);
  });

  it('every core az command parses with azure-cli 2.45 and fails only at login', async () => {
    const core = commands.filter((c) => c[1] !== 'ml');
    expect(core.length).toBeGreaterThan(8);
    for (const c of core) {
      const r = await realAz(c.slice(1));
      const text = `${r.stderr}\n${r.stdout}`;
      expect(text, c.join(' ')).not.toMatch(PARSE_ERROR);
      expect(r.exitCode, `${c.join(' ')}\n${text}`).not.toBe(2);
      if (c[1] === 'version') expect(r.exitCode).toBe(0);
      else if (c[1] === 'extension' && c[2] === 'show') expect(text).toMatch(/extension ml is not installed/);
      else if (c[1] === 'extension' && c[2] === 'add') expect(text).toMatch(/extension index|network|proxy|connect/i);
      else expect(text, c.join(' ')).toMatch(/Please run 'az login'/);
    }
  });

  it('every az ml command matches the az ml reference', () => {
    const ml = commands.filter((c) => c[1] === 'ml');
    expect(ml.length).toBeGreaterThan(4);
    for (const c of ml) expect(checkAzMl(c.slice(1)), c.join(' ')).toEqual([]);
    // The table catches what the reference does not allow.
    expect(checkAzMl(['ml', 'compute', 'create', '--name', 'x', '--tier', 'LowPriority', '--resource-group', 'g'])).toEqual([
      'az ml compute create: --tier LowPriority is not one of dedicated, low_priority',
      'az ml compute create: missing required --workspace-name',
    ]);
    expect(checkAzMl(['ml', 'workspace', 'show', '--name', 'w', '--workspace-name', 'w'])).toContain('az ml workspace show: unknown argument --workspace-name');
  });

  it('the az ml commands quoted in fixes match the reference too', async () => {
    const dir = await makeProject(['--target', 'kubernetes', '--workspace', 'ws1', '--resource-group', 'rg1'], 'fixes');
    const steps = provisionSteps(readProject(dir), { githubRepo: 'octo/demo' }, {});
    const quoted = steps.flatMap((s) => [...s.fix.matchAll(/az ml [^;()]*/g)].map((m) => m[0].trim().split(/\s+/)));
    expect(quoted.map((q) => q.slice(0, 4).join(' ')).sort()).toEqual(['az ml compute attach', 'az ml compute list-usage']);
    for (const q of quoted) expect(checkAzMl(q.slice(1)), q.join(' ')).toEqual([]);
  });
});
