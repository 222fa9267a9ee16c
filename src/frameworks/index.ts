import type { FrameworkId } from '../spec/ids.js';
import { keras } from './keras.js';
import { pytorch } from './pytorch.js';
import { rllib } from './rllib.js';
import { sklearn } from './sklearn.js';
import { tensorflow } from './tensorflow.js';
import type { Framework } from './types.js';

/** In display order. */
export const frameworks: readonly Framework[] = [sklearn, pytorch, tensorflow, keras, rllib];

export function frameworkById(id: FrameworkId): Framework {
  const fw = frameworks.find((f) => f.id === id);
  if (!fw) throw new Error(`unknown framework ${id}`);
  return fw;
}
