import { stderr, stdout, type Output } from './output.js';

/** Where output goes. With --json, stdout carries exactly one JSON object and humans read stderr. */
export interface Io {
  out: Output;
  err: Output;
  /** Human messages: stdout normally, stderr in --json mode. */
  human: Output;
  /** At a terminal on both ends, outside CI: questions may be asked. Worked out only when asked. */
  interactive(): boolean;
}

export function makeIo(json: boolean): Io {
  return {
    out: stdout,
    err: stderr,
    human: json ? stderr : stdout,
    // stdin last: creating process.stdin loads Node's stream and socket modules, worth it only at a terminal
    interactive: () => stdout.isTTY() && !process.env.CI && Boolean(process.stdin.isTTY),
  };
}

export function line(stream: Output, text = ''): void {
  stream.write(`${text}\n`);
}
