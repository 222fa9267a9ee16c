/**
 * `aml-scaffold completion bash|zsh|fish`: a completion script generated from the command line itself
 * (commander's commands and options) and the option table's choices, so it never lists a stale flag.
 */
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { oneLine } from '../spec/answers.js';
import { EXTRAS } from '../spec/ids.js';
import { INIT_OPTIONS } from './options.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;

interface CommandInfo {
  name: string;
  description: string;
  /** Long flags, e.g. --framework. */
  flags: string[];
  /** Flag → the values it takes. */
  choices: Record<string, readonly string[]>;
  /** What the positional arguments complete to: words, or files. */
  words?: readonly string[];
}

function describe(program: Command): CommandInfo[] {
  const positional: Record<string, readonly string[]> = { add: [...EXTRAS, 'target'], completion: SHELLS };
  return program.commands.map((c) => {
    const flags = c.options.map((o) => o.long).filter((f): f is string => Boolean(f));
    const choices: Record<string, readonly string[]> = {};
    for (const o of c.options) if (o.long && o.argChoices) choices[o.long] = o.argChoices;
    if (c.name() === 'init' || c.name() === 'update') for (const o of INIT_OPTIONS) if (o.choices) choices[o.flags.split(' ')[0]] = o.choices;
    return { name: c.name(), description: c.description(), flags: [...flags, '--help'], choices, words: positional[c.name()] };
  });
}

const words = (list: readonly string[]) => list.join(' ');

function bash(cmds: CommandInfo[]): string {
  const valueCases = cmds.flatMap((c) => Object.entries(c.choices).map(([flag, values]) => `    "${c.name} ${flag}") COMPREPLY=($(compgen -W "${words(values)}" -- "$cur")); return ;;`));
  const flagCases = cmds.map((c) => `    ${c.name}) opts="${words(c.flags)}" ;;`);
  const wordCases = cmds.filter((c) => c.words).map((c) => `    ${c.name}) COMPREPLY=($(compgen -W "${words(c.words ?? [])}" -- "$cur")); return ;;`);
  return `# aml-scaffold completion for bash: source this file, or put it in bash-completion's folder.
_aml_scaffold() {
  local cur prev cmd opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd="\${COMP_WORDS[1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${words(cmds.map((c) => c.name))} --help --version" -- "$cur"))
    return
  fi
  case "$cmd $prev" in
${valueCases.join('\n')}
  esac
  opts=""
  case "$cmd" in
${flagCases.join('\n')}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    return
  fi
  case "$cmd" in
${wordCases.join('\n')}
  esac
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _aml_scaffold aml-scaffold
`;
}

/** zsh reads the bash script through its bash-completion layer: `source <(aml-scaffold completion zsh)`. */
function zsh(cmds: CommandInfo[]): string {
  return `# aml-scaffold completion for zsh: add  source <(aml-scaffold completion zsh)  to ~/.zshrc
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bash(cmds).split('\n').slice(1).join('\n')}`;
}

function fish(cmds: CommandInfo[]): string {
  const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const lines = ['# aml-scaffold completion for fish: save as ~/.config/fish/completions/aml-scaffold.fish', 'complete -c aml-scaffold -f'];
  for (const c of cmds) lines.push(`complete -c aml-scaffold -n __fish_use_subcommand -a ${c.name} -d ${quote(c.description)}`);
  for (const c of cmds) {
    const when = `-n '__fish_seen_subcommand_from ${c.name}'`;
    for (const flag of c.flags) {
      const values = c.choices[flag];
      lines.push(`complete -c aml-scaffold ${when} -l ${flag.slice(2)}${values ? ` -xa ${quote(words(values))}` : ''}`);
    }
    if (c.words) lines.push(`complete -c aml-scaffold ${when} -xa ${quote(words(c.words))}`);
    else lines.push(`complete -c aml-scaffold ${when} -F`);
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: string, program: Command): string {
  const cmds = describe(program);
  if (shell === 'bash') return bash(cmds);
  if (shell === 'zsh') return zsh(cmds);
  if (shell === 'fish') return fish(cmds);
  throw new UsageError(`unknown shell "${oneLine(shell)}"; choose from ${SHELLS.join(', ')}`);
}
