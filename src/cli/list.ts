import { frameworks } from '../frameworks/index.js';
import { extras } from '../extras/index.js';
import { servings } from '../serving/index.js';
import { targets } from '../targets/index.js';
import { stdout } from './output.js';

export async function runList(opts: { json?: boolean }): Promise<number> {
  const data = {
    frameworks: frameworks.map(({ id, title, summary }) => ({ id, title, summary })),
    targets: targets.map(({ id, title, summary }) => ({ id, title, summary })),
    servings: servings.map(({ id, title, summary }) => ({ id, title, summary })),
    extras: extras.map(({ id, title, summary }) => ({ id, title, summary })),
  };
  if (opts.json) {
    stdout.write(`${JSON.stringify(data)}\n`);
    return 0;
  }
  for (const [group, items] of Object.entries(data)) {
    stdout.write(`${group}:\n`);
    for (const i of items) stdout.write(`  ${i.id.padEnd(16)}${i.title} — ${i.summary}\n`);
  }
  return 0;
}
