/**
 * The command line. The only place that turns errors into exit codes:
 * 0 ok · 1 run-time failure · 2 bad usage · 130 cancelled. Commands are loaded on demand, so
 * `--help` and `validate` never load the prompt library or Handlebars.
 */
import { Command, CommanderError } from 'commander';
import { helpText, INIT_OPTIONS } from './options.js';
import { VERSION } from '../version.js';
import { isCliError } from '../core/errors.js';
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

  const init = cmd
    .command('init')
    .description('create a new Azure ML project (prompts for what flags leave open, unless --yes or no terminal)')
    .argument('[directory]', 'where to create it (default: the project name)');
  for (const o of INIT_OPTIONS) init.option(o.flags, helpText(o));
  init
    .option('-y, --yes', 'accept defaults for everything not given; never prompt')
    .option('--dry-run', 'print the files that would be written; write nothing')
    .option('--force', 'write into a non-empty directory (changed files are never overwritten silently)')
    .option('--no-git', 'do not run git init and the initial commit')
    .option('--json', 'print one JSON object on stdout; human output goes to stderr')
    .option('--from <file>', 'take the options from a manifest (aml-scaffold.json) or an answers file; - reads stdin; flags override it')
    .addHelpText('after', examples([
      'aml-scaffold init                                   # asks, offering recommended settings',
      'aml-scaffold init churn --yes                       # scikit-learn, managed online endpoint',
      'aml-scaffold init vision --yes --framework pytorch --target batch --extras onnx,sweep',
      'aml-scaffold init . --force --yes                   # add a project to the current folder',
      'aml-scaffold init copy --from churn/aml-scaffold.json   # the same project again',
    ]))
    .action(async (dir, opts) => {
      const { runInit } = await import('./project.js');
      process.exitCode = await runInit(dir, opts);
    });

  cmd
    .command('validate')
    .description('check Azure ML YAML files offline, as the Azure CLI reads them (jobs, components, endpoints, deployments, compute, …)')
    .argument('[paths...]', 'files or directories (default: .)')
    .option('--format <format>', 'text, json, sarif (GitHub code scanning) or github (workflow annotations)')
    .option('--json', 'same as --format json')
    .option('--strict', 'treat warnings about missing local paths, placeholders and create-time keys as errors')
    .option('--kind <id>', 'force the kind instead of detecting it')
    .addHelpText('after', examples(['aml-scaffold validate                  # every *.yml / *.yaml below the current folder', 'aml-scaffold validate jobs deploy --strict', 'aml-scaffold validate train.yml --json']))
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
    .addHelpText('after', examples(['aml-scaffold add sweep onnx', 'aml-scaffold add target batch --dir my-project --dry-run']))
    .action(async (features: string[], opts) => {
      const { runAdd } = await import('./project.js');
      process.exitCode = await runAdd(features, opts);
    });

  const update = cmd
    .command('update')
    .description('re-render the project with this version (and any options changed) and merge it into your files')
    .option('--dir <project>', 'the project directory (default: .)');
  // The same options as init (one table); --extras also takes +id / -id here.
  for (const o of INIT_OPTIONS) update.option(o.flags, o.key === 'extras' ? 'a,b replaces the extras; +a,-b adds and removes' : helpText(o));
  update
    .option('-y, --yes', 'never prompt')
    .option('--dry-run', 'print the changes; write nothing')
    .option('--json', 'print one JSON object on stdout')
    .addHelpText('after', examples(['aml-scaffold update --dry-run', 'aml-scaffold update --target batch', 'aml-scaffold update --extras +sweep,-onnx --json']))
    .action(async (opts) => {
      const { runUpdate } = await import('./project.js');
      process.exitCode = await runUpdate(opts);
    });

  cmd
    .command('provision')
    .description('create what a generated project needs in Azure and GitHub (idempotent): resource group, workspace, clusters, OIDC identity, roles, secrets')
    .option('--subscription <id>', 'Azure subscription (default: the Azure CLI default)')
    .option('--location <region>', 'region for a new resource group, workspace and identity (e.g. westeurope)')
    .option('--github-repo <owner/name>', 'GitHub repository (default: the origin remote)')
    .option('--low-priority', 'create compute clusters with low-priority VMs')
    .option('--dry-run', 'print every command; run none')
    .option('--json', 'print {"commands": [[argv...], ...]} on stdout; progress goes to stderr')
    .option('--dir <project>', 'the project directory (default: .)')
    .addHelpText('after', examples(['aml-scaffold provision --dry-run', 'aml-scaffold provision --subscription <id> --location westeurope --github-repo me/churn']))
    .action(async (opts) => {
      const { runProvisionCli } = await import('./azure.js');
      process.exitCode = await runProvisionCli(opts);
    });

  cmd
    .command('doctor')
    .description('check the tools, Azure resources, GitHub settings and OIDC subjects a generated project needs')
    .option('--json', 'print {"checks": [{"id", "ok", "message", "fix"}]} on stdout')
    .option('--dir <project>', 'the project directory (default: .)')
    .addHelpText('after', examples(['aml-scaffold doctor', 'aml-scaffold doctor --json --dir my-project']))
    .action(async (opts) => {
      const { runDoctorCli } = await import('./azure.js');
      process.exitCode = await runDoctorCli(opts);
    });

  cmd
    .command('list')
    .description('list frameworks, targets, serving modes and extras')
    .option('--json', 'print one JSON object on stdout')
    .addHelpText('after', examples(['aml-scaffold list', 'aml-scaffold list --json']))
    .action(async (opts) => {
      const { runList } = await import('./project.js');
      process.exitCode = await runList(opts);
    });

  cmd
    .command('completion')
    .description('print a shell completion script')
    .argument('<shell>', 'bash | zsh | fish')
    .addHelpText('after', examples([
      'aml-scaffold completion bash > ~/.local/share/bash-completion/completions/aml-scaffold',
      'source <(aml-scaffold completion zsh)   # in ~/.zshrc',
      'aml-scaffold completion fish > ~/.config/fish/completions/aml-scaffold.fish',
    ]))
    .action(async (shell: string) => {
      const { completionScript } = await import('./completion.js');
      stdout.write(completionScript(shell, cmd));
    });

  return cmd;
}

/** The "Examples:" block every command's --help ends with. */
function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
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
      for (const d of e.details) stderr.write(`  ${d}\n`);
      return;
    }
    if (process.env.DEBUG) console.error(e);
    fail(`${(e as Error).message ?? String(e)}${process.env.DEBUG ? '' : ' (set DEBUG=1 for details)'}`, 1);
  }
}

