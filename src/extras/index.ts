import type { ExtraId } from '../spec/ids.js';
import { tensorboard } from './tensorboard.js';
import { onnx } from './onnx.js';
import { responsibleAi } from './responsible-ai.js';
import { privacy } from './privacy.js';
import { encryption } from './encryption.js';
import { sweep } from './sweep.js';
import type { Extra } from './types.js';

/** In display order. */
export const extras: readonly Extra[] = [tensorboard, onnx, responsibleAi, privacy, encryption, sweep];

export function extraById(id: ExtraId): Extra {
  const extra = extras.find((e) => e.id === id);
  if (!extra) throw new Error(`unknown extra ${id}`);
  return extra;
}
