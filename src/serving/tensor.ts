/**
 * The MLflow no-code sample request. Azure ML's MLflow scoring server takes `{"input_data": ...}`;
 * a plain nested list is a tensor, cast to the dtype of the model's signature (or input example).
 */

/** A nested list of zeros of `shape`: the request for image models, whose signature fixes H and W. */
export function zeros(shape: readonly number[]): unknown {
  const [head, ...rest] = shape;
  if (head === undefined) return 0;
  return Array.from({ length: head }, () => zeros(rest));
}

export function zerosRequest(shape: readonly number[]): { input_data: unknown } {
  return { input_data: zeros(shape) };
}

/** The shape of a rectangular nested list (as numpy would see it), or null when it is ragged. */
export function tensorShape(value: unknown): number[] | null {
  if (!Array.isArray(value)) return typeof value === 'number' ? [] : null;
  if (value.length === 0) return [0];
  const inner = value.map(tensorShape);
  const first = inner[0];
  if (first === null || inner.some((s) => s === null || s.join() !== first.join())) return null;
  return [value.length, ...first];
}

/**
 * JSON with every innermost list of numbers on one line: readable for a few rows, and compact for an
 * image (a 3×224×224 request stays near 300 kB instead of megabytes of one-number lines).
 */
export function requestJson(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'number')) return `[${value.map((v) => JSON.stringify(v)).join(value.length > 32 ? ',' : ', ')}]`;
    return `[\n${value.map((v) => inner + requestJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${requestJson(v, inner)}`);
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
