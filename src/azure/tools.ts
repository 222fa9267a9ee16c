/**
 * Runs `az`, `gh` and `git` for provision and doctor: argv arrays through execa (never a shell
 * string), a timeout on every call, output captured and never echoed. A value for stdin (a secret for
 * `gh secret set`) goes in `input`, never on the command line.
 */
import { shellWord } from '../core/shell.js';
export interface Command {
  argv: string[];
  /** Written to the command's stdin; never printed. */
  input?: string;
  /** What the input is, for the printed form (`the identity's client ID`). */
  inputNote?: string;
}

export interface ToolResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The program is not installed (ENOENT). */
  missing: boolean;
  timedOut: boolean;
}

export type Runner = (cmd: Command, timeoutMs?: number) => Promise<ToolResult>;

/** A runner whose tools see `env` instead of this process's environment (tests put fakes on its PATH). */
export function runnerWithEnv(env: NodeJS.ProcessEnv): Runner {
  return (cmd, timeoutMs) => runTool(cmd, timeoutMs, env);
}

/** Creating a workspace or a cluster takes minutes; a check should not. */
export const CHECK_TIMEOUT_MS = 120_000;
export const CREATE_TIMEOUT_MS = 1_800_000;

export async function runTool(cmd: Command, timeoutMs = CHECK_TIMEOUT_MS, baseEnv: NodeJS.ProcessEnv = process.env): Promise<ToolResult> {
  const { execa } = await import('execa');
  const [file, ...args] = cmd.argv;
  const r = await execa(file, args, {
    reject: false,
    timeout: timeoutMs,
    ...(cmd.input !== undefined ? { input: cmd.input } : { stdin: 'ignore' as const }),
    // No prompts, no colour, no update nagging: output is parsed, not shown.
    extendEnv: false,
    env: { ...baseEnv, AZURE_CORE_NO_COLOR: 'true', AZURE_CORE_ONLY_SHOW_ERRORS: 'true', GH_PROMPT_DISABLED: '1', NO_COLOR: '1' },
  });
  const missing = (r as { code?: string }).code === 'ENOENT';
  return {
    exitCode: typeof r.exitCode === 'number' ? r.exitCode : missing ? 127 : -1,
    stdout: String(r.stdout ?? ''),
    stderr: String(r.stderr ?? ''),
    missing,
    timedOut: Boolean(r.timedOut),
  };
}

/** A command as a user would type it: each word quoted only when needed; stdin noted, never shown. */
export function printable(cmd: Command): string {
  const words = cmd.argv.map(shellWord).join(' ');
  return cmd.input !== undefined ? `${words}  # value on stdin: ${cmd.inputNote ?? 'hidden'}` : words;
}

/**
 * Hide what may be a credential in text shown to the user (a tool's error line): `key=...` /
 * `password: ...` values, and long random-looking runs (24+ letters and digits with both in them, as
 * keys, tokens and base64 are). GUIDs (8-4-4-4-12) and resource paths of plain words stay readable.
 */
export function redact(text: string): string {
  return text
    .replace(/\b(password|secret|key|token|sig|signature|accountkey)(["']?\s*[:=]\s*["']?)[^\s"',;]+/gi, '$1$2***')
    .replace(/[A-Za-z0-9+=_]{24,}/g, (m) => (/[0-9]/.test(m) && /[A-Za-z]/.test(m) ? '***' : m));
}

/** The first meaningful line of a tool's error output, redacted. */
export function firstError(r: ToolResult): string {
  if (r.missing) return 'not installed';
  if (r.timedOut) return 'timed out';
  const line = `${r.stderr}\n${r.stdout}`.split('\n').map((l) => l.trim()).find((l) => l !== '' && !/^WARNING:/.test(l)) ?? `exit code ${r.exitCode}`;
  return redact(line.replace(/^ERROR:\s*/, '')).slice(0, 300);
}
