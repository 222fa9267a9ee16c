/**
 * Standard output and error as the commands use them. A reader that went away (EPIPE, e.g. `| head`)
 * ends the output quietly; the command still finishes its work.
 */
export interface Output {
  write(text: string): void;
  isTTY(): boolean;
}

function streamOutput(stream: NodeJS.WriteStream): Output {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    closed = true;
  });
  return {
    write(text) {
      if (!closed) stream.write(text);
    },
    isTTY: () => Boolean(stream.isTTY),
  };
}

export const stdout = streamOutput(process.stdout);
export const stderr = streamOutput(process.stderr);
