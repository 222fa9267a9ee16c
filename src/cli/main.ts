/**
 * The command line. The only place that turns errors into exit codes:
 * 0 ok · 1 run-time failure · 2 bad usage · 130 cancelled. Commands are loaded on demand, so
 * `--help` and `validate` never load the prompt library or Handlebars.
 */
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../version.js';
import { isCliError, RunError } from '../core/errors.js';
import { stderr, stdout } from './output.js';

function program(): Command {
  const cmd = new Command('aml-scaffold')
    .description('Scaffold CI-ready Azure Machine Learning (CLI v2) projects that train and deploy on the first try.')
    .version(VERSION, '-v, --version')
    .showSuggestionAfterError(true)
    .configureOutput({
      // Commander's own usage errors echo what was typed: keep them one line too.
      outputError: (text, write) => write(`${oneLine(text.trimEnd())}\n`),
      writeOut: (text) => stdout.write(text),
      writeErr: (text) => stderr.write(text),
      // Wrap help to the terminal's width, and only ask for it at a terminal (asking makes the stream).
      getOutHelpWidth: () => (stdout.isTTY() ? process.stdout.columns : 80),
      getErrHelpWidth: () => (stderr.isTTY() ? process.stderr.columns : 80),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .exitOverride();

  cmd
    .command('init')
    .description('create a new Azure ML project (prompts for what flags leave open, unless --yes or no TTY)')
    .argument('[directory]', 'where to create it (default: the project name)')
    .option('--name <name>', 'project name: letters, digits, hyphens; starts with a letter; at most 24 characters')
    .addOption(new Option('--framework <id>', 'sklearn | pytorch | tensorflow | keras | rllib (default: sklearn)'))
    .addOption(new Option('--target <id>', 'online | kubernetes | batch | none (default: online)'))
    .addOption(new Option('--serving <id>', 'script | mlflow | triton (default: script)'))
    .option('--compute <name>', 'compute cluster name, or "serverless" (default: cpu-cluster, gpu-cluster for GPU frameworks)')
    .option('--instance-type <sku>', 'training VM size (default: Standard_DS3_v2, Standard_NC6s_v3 on GPU)')
    .option('--nodes <n>', 'training nodes (default: 1)')
    .option('--processes-per-node <n>', 'processes per node for distributed training (default: GPUs per node)')
    .option('--device <id>', 'cpu | gpu (default: by framework)')
    .option('--extras <a,b>', 'comma list: tensorboard, onnx, responsible-ai, privacy, encryption, sweep')
    .option('--ci <id>', 'github | none (default: github)')
    .option('--workspace <name>', 'Azure ML workspace written as the default into workflows and README')
    .option('--resource-group <name>', 'resource group written as the default into workflows and README')
    .option('--k8s-compute <name>', 'attached Kubernetes compute for --target kubernetes (default: k8s-compute)')
    .option('--deploy-instance-type <sku>', 'VM size of the online deployment (default: CPU, GPU for Triton)')
    .option('--training <mode>', 'pipeline | job: prep → train → evaluate → register pipeline, or one command job (default: pipeline)')
    .option('--pin-actions <mode>', 'tag | sha: pin GitHub Actions by tag or by full commit SHA (default: tag)')
    .option('-y, --yes', 'accept defaults for everything not given; never prompt')
    .option('--dry-run', 'print the files that would be written; write nothing')
    .option('--force', 'write into a non-empty directory (changed files are never overwritten silently)')
    .option('--no-git', 'do not run git init and the initial commit')
    .option('--json', 'print one JSON object on stdout; human output goes to stderr')
    .action(async (dir, opts) => {
      const { runInit } = await import('./init.js');
      process.exitCode = await runInit(dir, opts);
    });

  cmd
    .command('validate')
    .description('check Azure ML YAML files offline (jobs, environments, endpoints, deployments, conda files)')
    .argument('[paths...]', 'files or directories (default: .)')
    .option('--json', 'print one JSON object on stdout')
    .option('--strict', 'treat every cross-file problem (missing local path) as an error')
    .option('--kind <id>', 'force the kind instead of detecting it')
    .action(async (paths: string[], opts) => {
      const [{ runValidate }, { default: chalk }] = await Promise.all([import('./validate.js'), import('chalk')]);
      const color = stdout.isTTY() && !process.env.NO_COLOR && chalk.level > 0;
      process.exitCode = await runValidate(paths, opts, { stdout, stderr, color });
    });

  cmd
    .command('add')
    .description('add extras (or a deployment target) to a project made by init')
    .argument('<features...>', 'extra ids, or "target <online|kubernetes|batch>"')
    .option('--dir <project>', 'the project directory (default: .)')
    .option('--dry-run', 'print the changes; write nothing')
    .option('-y, --yes', 'never prompt')
    .option('--json', 'print one JSON object on stdout')
    .action(async (features: string[], opts) => {
      const { runAdd } = await import('./add.js');
      process.exitCode = await runAdd(features, opts);
    });

  cmd
    .command('list')
    .description('list frameworks, targets, serving modes and extras')
    .option('--json', 'print one JSON object on stdout')
    .action(async (opts) => {
      const { runList } = await import('./list.js');
      process.exitCode = await runList(opts);
    });

  return cmd;
}

/** One line, whatever a path or value in a message holds (newlines, terminal escape sequences). */
function oneLine(message: string): string {
  return message.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}

function fail(message: string, code: number): void {
  stderr.write(`error: ${oneLine(message)}\n`);
  process.exitCode = code;
}

export async function main(argv: string[]): Promise<void> {
  // `aml-scaffold ... | head` closes the pipe early: output.ts stops printing, the work finishes.
  try {
    await program().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander already printed its one-line message; help and version are successes.
      process.exitCode = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0 ? 0 : 2;
      return;
    }
    if (isCliError(e)) {
      if (e.exitCode === 130) {
        fail('cancelled; nothing was written', 130);
        return;
      }
      fail(e.message, e.exitCode);
      if (e instanceof RunError) for (const d of e.details) stderr.write(`  ${d}\n`);
      return;
    }
    if (process.env.DEBUG) console.error(e);
    fail(`${(e as Error).message ?? String(e)}${process.env.DEBUG ? '' : ' (set DEBUG=1 for details)'}`, 1);
  }
}

