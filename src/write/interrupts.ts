import { CancelledError } from '../cli/errors.js';

/**
 * Ctrl-C (and SIGTERM) noted instead of killing the process, so the caller can stop at a safe point
 * and clean up: between files while writing, between git commands during git init.
 */
export function watchInterrupts() {
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    interrupted: () => interrupted,
    check() {
      if (interrupted) throw new CancelledError();
    },
    stop() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
