import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const documentId = 'openai-openapi';

/**
 * The OpenAI OpenAPI spec for contract tests: `TUNEGATE_OPENAI_SPEC` (CI sets it), else the
 * shared folder beside a local checkout. Only test support may know that fallback.
 */
export function openAISpecPath(): string {
  const fromEnvironment = process.env.TUNEGATE_OPENAI_SPEC;
  if (fromEnvironment !== undefined && fromEnvironment !== '') return path.resolve(fromEnvironment);
  return path.resolve(repositoryRoot, '../shared/specs/openai-openapi.yaml');
}

interface LoadedSpec {
  ajv: Ajv2020;
  validators: Map<string, ValidateFunction>;
}

const loadedSpecs = new Map<string, LoadedSpec>();

/**
 * Validates `body` against `#/components/schemas/<schemaName>` of the OpenAI spec and returns
 * the problems as `path: message` lines (empty when valid). `specPath` picks another copy of
 * the spec, e.g. the 2025-06 one that still has the fine-tuning row schemas.
 */
export function validateAgainstOpenApi(
  schemaName: string,
  body: unknown,
  specPath: string = openAISpecPath(),
): string[] {
  const spec = loadSpec(specPath);
  let validate = spec.validators.get(schemaName);
  if (validate === undefined) {
    const schemas = (
      spec.ajv.getSchema(documentId)?.schema as { components?: { schemas?: object } }
    )?.components?.schemas;
    if (schemas === undefined || !(schemaName in schemas)) {
      throw new Error(`no schema ${schemaName} in ${specPath}`);
    }
    validate = spec.ajv.compile({ $ref: `${documentId}#/components/schemas/${schemaName}` });
    spec.validators.set(schemaName, validate);
  }
  if (validate(body)) return [];
  const lines = (validate.errors ?? []).map((error) => {
    const where = error.instancePath === '' ? '(root)' : error.instancePath;
    const detail =
      error.params && Object.keys(error.params).length > 0
        ? ` ${JSON.stringify(error.params)}`
        : '';
    return `${where}: ${error.message ?? 'invalid'}${detail}`;
  });
  return [...new Set(lines)];
}

function loadSpec(specPath: string): LoadedSpec {
  const cached = loadedSpecs.get(specPath);
  if (cached !== undefined) return cached;
  let text: string;
  try {
    text = readFileSync(specPath, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the OpenAI spec at ${specPath}; set TUNEGATE_OPENAI_SPEC`, {
      cause: error,
    });
  }
  const document: unknown = parse(text, { maxAliasCount: -1 });
  normalizeOpenApi(document);
  // strict off: the spec carries x-* extensions, OpenAPI keywords and unknown formats.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(document as object, documentId);
  const loaded = { ajv, validators: new Map<string, ValidateFunction>() };
  loadedSpecs.set(specPath, loaded);
  return loaded;
}

/**
 * Rewrites the OpenAPI-only keywords JSON Schema 2020-12 does not know: `nullable: true`
 * becomes a `null` alternative, boolean `exclusiveMinimum`/`exclusiveMaximum` become numbers,
 * and `discriminator` (a hint; `oneOf` still decides) is dropped.
 */
function normalizeOpenApi(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) normalizeOpenApi(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Record<string, unknown>;
  for (const value of Object.values(schema)) normalizeOpenApi(value);
  const discriminator = schema.discriminator;
  if (
    typeof discriminator === 'object' &&
    discriminator !== null &&
    'propertyName' in discriminator
  ) {
    delete schema.discriminator;
  }
  // OpenAPI 3.0's boolean form: `minimum: 0, exclusiveMinimum: true` is 2020-12's `exclusiveMinimum: 0`.
  if (typeof schema.exclusiveMinimum === 'boolean') {
    if (schema.exclusiveMinimum && typeof schema.minimum === 'number') {
      schema.exclusiveMinimum = schema.minimum;
      delete schema.minimum;
    } else delete schema.exclusiveMinimum;
  }
  if (typeof schema.exclusiveMaximum === 'boolean') {
    if (schema.exclusiveMaximum && typeof schema.maximum === 'number') {
      schema.exclusiveMaximum = schema.maximum;
      delete schema.maximum;
    } else delete schema.exclusiveMaximum;
  }
  if (schema.nullable !== true) return;
  delete schema.nullable;
  if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null))
      schema.enum = [...schema.enum, null];
    return;
  }
  const copy = { ...schema };
  for (const key of Object.keys(schema)) delete schema[key];
  schema.anyOf = [copy, { type: 'null' }];
}
