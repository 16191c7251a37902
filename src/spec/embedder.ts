export interface Embedder {
  readonly reference: string;
  embed(texts: string[]): Promise<number[][]>;
}
