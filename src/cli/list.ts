import { frameworks } from '../frameworks/index.js';
import { extras } from '../extras/index.js';
import { SERVINGS } from '../spec/ids.js';
import { targets } from '../targets/index.js';

const servings = [
  { id: 'script', title: 'Scoring script', summary: 'score.py on the Azure ML inference server' },
  { id: 'mlflow', title: 'MLflow no-code', summary: 'the registered MLflow model, no code or environment' },
  { id: 'triton', title: 'ONNX on Triton', summary: 'the ONNX export on NVIDIA Triton, GPU, no code' },
].filter((s) => (SERVINGS as readonly string[]).includes(s.id));

export async function runList(opts: { json?: boolean }): Promise<number> {
  const data = {
    frameworks: frameworks.map(({ id, title, summary }) => ({ id, title, summary })),
    targets: targets.map(({ id, title, summary }) => ({ id, title, summary })),
    servings,
    extras: extras.map(({ id, title, summary }) => ({ id, title, summary })),
  };
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(data)}\n`);
    return 0;
  }
  for (const [group, items] of Object.entries(data)) {
    process.stdout.write(`${group}:\n`);
    for (const i of items) process.stdout.write(`  ${i.id.padEnd(16)}${i.title} — ${i.summary}\n`);
  }
  return 0;
}
