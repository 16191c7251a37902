/** Value types of the WebAssembly binary format. */
export const wasmType = { i32: 0x7f, f32: 0x7d, v128: 0x7b } as const;
export type WasmValueType = (typeof wasmType)[keyof typeof wasmType];

export function unsignedLeb128(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
}

export function signedLeb128(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

export function encodeName(name: string): number[] {
  const bytes = [...new TextEncoder().encode(name)];
  return [...unsignedLeb128(bytes.length), ...bytes];
}

function vector(items: number[][]): number[] {
  return [...unsignedLeb128(items.length), ...items.flat()];
}

function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb128(content.length), ...content];
}

export interface WasmFunction {
  name: string;
  parameters: WasmValueType[];
  results?: WasmValueType[];
  /** Extra locals after the parameters, in order. */
  locals: WasmValueType[];
  /** Instruction bytes, without the final `end`. */
  body: number[];
}

/**
 * A module that imports one memory as `env.memory` (shared or not) and exports each function.
 */
export function encodeWasmModule(
  functions: readonly WasmFunction[],
  memory: { initialPages: number; maximumPages: number; shared: boolean },
): Uint8Array {
  const types = functions.map((fn) => [
    0x60,
    ...vector(fn.parameters.map((t) => [t])),
    ...vector((fn.results ?? []).map((t) => [t])),
  ]);
  const limits = [
    memory.shared ? 0x03 : 0x01,
    ...unsignedLeb128(memory.initialPages),
    ...unsignedLeb128(memory.maximumPages),
  ];
  const imports = vector([[...encodeName('env'), ...encodeName('memory'), 0x02, ...limits]]);
  const declarations = vector(functions.map((_, index) => unsignedLeb128(index)));
  const exports = vector(
    functions.map((fn, index) => [...encodeName(fn.name), 0x00, ...unsignedLeb128(index)]),
  );
  const bodies = vector(
    functions.map((fn) => {
      const locals = vector(fn.locals.map((t) => [1, t]));
      const code = [...locals, ...fn.body, 0x0b];
      return [...unsignedLeb128(code.length), ...code];
    }),
  );
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vector(types)),
    ...section(2, imports),
    ...section(3, declarations),
    ...section(7, exports),
    ...section(10, bodies),
  ]);
}
