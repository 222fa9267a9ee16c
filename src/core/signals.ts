import { CancelledError } from '../core/errors.js';

/**
 * The signals that end a run when a user gives up on it: Ctrl-C, a kill, a closed terminal or a dropped
 * ssh session, Ctrl-\. They are noted instead of killing the process, so the caller stops at a safe
 * point and undoes what it started: between files while writing, between git commands during git init.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

export function watchInterrupts() {
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return {
    interrupted: () => interrupted,
    check() {
      if (interrupted) throw new CancelledError();
    },
    stop() {
      for (const s of SIGNALS) process.off(s, onSignal);
    },
  };
}
