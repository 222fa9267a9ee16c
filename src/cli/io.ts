/** Where output goes. With --json, stdout carries exactly one JSON object and humans read stderr. */
export interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** Human messages: stdout normally, stderr in --json mode. */
  human: NodeJS.WritableStream;
  color: boolean;
  interactive: boolean;
}

export function makeIo(json: boolean): Io {
  const human = json ? process.stderr : process.stdout;
  const tty = Boolean((human as NodeJS.WriteStream).isTTY);
  const color = tty && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  return {
    out: process.stdout,
    err: process.stderr,
    human,
    color,
    // stdin last: creating process.stdin loads Node's stream and socket modules, worth it only at a terminal
    interactive: Boolean(process.stdout.isTTY) && !process.env.CI && Boolean(process.stdin.isTTY),
  };
}

export function line(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}
