/**
 * Standard output and error written straight to file descriptors 1 and 2, without creating
 * process.stdout and process.stderr: making those streams loads Node's stream modules, about 3 ms of a
 * run that costs 40. Writes are synchronous and whole, as process.stdout's are on Linux for files,
 * pipes and terminals, so the order of lines never changes.
 *
 * - A reader that went away (EPIPE, e.g. `| head`) ends the output quietly; the command still finishes.
 * - A descriptor someone made non-blocking (EAGAIN) hands the rest to Node's own stream.
 * - On Windows the console needs Node's stream (character set, colours), so it is used from the start.
 */
import { fstatSync, writeSync } from 'node:fs';

export interface Output {
  write(text: string): void;
  /** Whether this is a terminal, asked only when needed (the answer may cost the stream). */
  isTTY(): boolean;
}

function streamOf(fd: 1 | 2): NodeJS.WriteStream {
  const stream = fd === 1 ? process.stdout : process.stderr;
  if (stream.listenerCount('error') === 0) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
  return stream;
}

/** Certainly not a terminal: not a character device, or Linux's /dev/null and friends (major 1). */
function surelyNotTTY(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    return !st.isCharacterDevice() || (process.platform === 'linux' && st.rdev >> 8 === 1);
  } catch {
    return true;
  }
}

export function fdOutput(fd: 1 | 2): Output {
  let closed = false;
  let stream: NodeJS.WriteStream | undefined = process.platform === 'win32' ? streamOf(fd) : undefined;
  let tty: boolean | undefined;
  return {
    write(text) {
      if (closed) return;
      if (stream) {
        stream.write(text);
        return;
      }
      let bytes = Buffer.from(text);
      while (bytes.length > 0) {
        try {
          bytes = bytes.subarray(writeSync(fd, bytes));
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') closed = true;
          else if (code === 'EAGAIN') (stream = streamOf(fd)).write(bytes);
          else throw e;
          return;
        }
      }
    },
    isTTY() {
      tty ??= !surelyNotTTY(fd) && Boolean(streamOf(fd).isTTY);
      return tty;
    },
  };
}

export const stdout = fdOutput(1);
export const stderr = fdOutput(2);
