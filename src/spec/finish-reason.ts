export type FinishReason = 'stop' | 'length' | 'content-filter' | 'error' | 'other';
