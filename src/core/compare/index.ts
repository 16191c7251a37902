export { type CompareOptions, compareFinetuned } from './compare-finetuned.js';
export type { ArmRole, Comparison, ComparisonArm } from './comparison.js';
export type { ComparisonStore } from './comparison-store.js';
export { armOf, describeComparison } from './describe-comparison.js';
export { shortPromptVariant } from './short-prompt-variant.js';
