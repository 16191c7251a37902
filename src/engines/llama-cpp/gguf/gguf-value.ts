/** GGUF metadata value type ids, as the file stores them (u32). */
export const ggufValueTypeIds = {
  uint8: 0,
  int8: 1,
  uint16: 2,
  int16: 3,
  uint32: 4,
  int32: 5,
  float32: 6,
  bool: 7,
  string: 8,
  array: 9,
  uint64: 10,
  int64: 11,
  float64: 12,
} as const;

export type GgufValueTypeName = keyof typeof ggufValueTypeIds;
export type GgufNumberType = Exclude<GgufValueTypeName, 'bool' | 'string' | 'array'>;
export type GgufScalarType = Exclude<GgufValueTypeName, 'array'>;

export type GgufScalar = number | bigint | boolean | string;

/**
 * One metadata value with its GGUF type spelled out, so the writer never guesses a width.
 * 64-bit integers accept a bigint (the reader always returns a bigint for them).
 */
export type GgufValue =
  | { type: GgufNumberType; value: number | bigint }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'array'; itemType: GgufScalarType; value: readonly GgufScalar[] }
  | { type: 'array'; itemType: 'array'; value: readonly GgufValue[] };

export const ggufTypeNameById: ReadonlyMap<number, GgufValueTypeName> = new Map(
  Object.entries(ggufValueTypeIds).map(([name, id]) => [id, name as GgufValueTypeName]),
);

/** Short constructors so metadata reads like a table: `{ 'llama.block_count': gguf.uint32(5) }`. */
export const gguf = {
  uint8: (value: number): GgufValue => ({ type: 'uint8', value }),
  int8: (value: number): GgufValue => ({ type: 'int8', value }),
  uint16: (value: number): GgufValue => ({ type: 'uint16', value }),
  int16: (value: number): GgufValue => ({ type: 'int16', value }),
  uint32: (value: number): GgufValue => ({ type: 'uint32', value }),
  int32: (value: number): GgufValue => ({ type: 'int32', value }),
  uint64: (value: number | bigint): GgufValue => ({ type: 'uint64', value }),
  int64: (value: number | bigint): GgufValue => ({ type: 'int64', value }),
  float32: (value: number): GgufValue => ({ type: 'float32', value }),
  float64: (value: number): GgufValue => ({ type: 'float64', value }),
  bool: (value: boolean): GgufValue => ({ type: 'bool', value }),
  string: (value: string): GgufValue => ({ type: 'string', value }),
  array: (itemType: GgufScalarType, value: readonly GgufScalar[]): GgufValue => ({
    type: 'array',
    itemType,
    value,
  }),
};

/** Tensor element types this project writes and reads (ggml type ids). */
export const ggmlTypeIds = { F32: 0, F16: 1 } as const;
export type GgmlTypeName = keyof typeof ggmlTypeIds;
export const ggmlBytesPerElement: Record<GgmlTypeName, number> = { F32: 4, F16: 2 };
