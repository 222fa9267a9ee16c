/**
 * SHA-256 of a string (as UTF-8, like node:crypto's `update(string)`) or of bytes, as lowercase hex.
 *
 * Not node:crypto: loading it loads Node's streams with it, about 3 ms of an `init` that hashes a few
 * dozen small files (most of them templates, whose hashes the build computes; see manifest.ts). The
 * compression function is a WebAssembly module of under 1 KB (sha256.wat), compiled in a fraction of a
 * millisecond. Node started with --jitless has no WebAssembly; node:crypto does the work then.
 */
import { createRequire } from 'node:module';
import { SHA256_WASM } from './sha256-wasm.js';

/** Where the module reads the message and writes the digest (see sha256.wat). */
const INPUT = 1024;
const DIGEST = 256;
const PAGE = 65536;

interface Sha256Module {
  memory: WebAssembly.Memory;
  digest: (blocks: number) => void;
}

let wasm: Sha256Module | null | undefined;
let encoder: TextEncoder | undefined;
/** A view of the module's memory, made again only when the memory grows. */
let view: Uint8Array | undefined;

function load(): Sha256Module | null {
  if (typeof WebAssembly !== 'object') return null;
  const module = new WebAssembly.Module(Buffer.from(SHA256_WASM, 'base64'));
  return new WebAssembly.Instance(module).exports as unknown as Sha256Module;
}

function viaCrypto(content: string | Uint8Array): string {
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(content).digest('hex');
}

/** A view of the module's memory with room for `bytes` message bytes and their padding. */
function room(memory: WebAssembly.Memory, bytes: number): Uint8Array {
  const need = INPUT + bytes + 72;
  const have = memory.buffer.byteLength;
  if (need > have) memory.grow(Math.ceil((need - have) / PAGE));
  if (view?.buffer !== memory.buffer) view = new Uint8Array(memory.buffer);
  return view;
}

export function sha256(content: string | Uint8Array): string {
  if (wasm === undefined) wasm = load();
  if (wasm === null) return viaCrypto(content);
  const { memory, digest } = wasm;
  let length: number;
  let bytes: Uint8Array;
  if (typeof content === 'string') {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes (a lone surrogate becomes U+FFFD, as in Node).
    bytes = room(memory, content.length * 3);
    encoder ??= new TextEncoder();
    length = encoder.encodeInto(content, bytes.subarray(INPUT, INPUT + content.length * 3)).written;
  } else {
    bytes = room(memory, content.length);
    bytes.set(content, INPUT);
    length = content.length;
  }
  // Padding: 0x80, zeros, then the length in bits as a 64-bit big-endian number.
  const blocks = Math.floor((length + 8) / 64) + 1;
  const end = INPUT + blocks * 64;
  bytes[INPUT + length] = 0x80;
  bytes.fill(0, INPUT + length + 1, end - 8);
  const high = Math.floor(length / 0x20000000);
  const low = (length * 8) >>> 0;
  for (let i = 0; i < 4; i++) {
    bytes[end - 8 + i] = (high >>> (24 - 8 * i)) & 0xff;
    bytes[end - 4 + i] = (low >>> (24 - 8 * i)) & 0xff;
  }
  digest(blocks);
  return Buffer.from(memory.buffer, DIGEST, 32).toString('hex');
}
