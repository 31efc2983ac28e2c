/**
 * functions.json from the @customfunction JSDoc of the function files, via
 * custom-functions-metadata's API. Its CLI exits 0 even when it reports
 * errors, so the build uses the API and fails on any reported error.
 */
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';

export interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: { name: string; description?: string; type?: string; dimensionality?: string; optional?: boolean }[];
  result: { type?: string; dimensionality?: string };
  /** Present when any option is set; `cancelable` from the @cancelable tag or a CustomFunctions.CancelableInvocation last parameter. */
  options?: { cancelable?: boolean; stream?: boolean; volatile?: boolean; requiresAddress?: boolean };
}

export interface Metadata {
  functions: FunctionMetadata[];
  /** Lets parameters of type any receive error values (a top-level property of functions.json). */
  allowErrorForDataTypeAny?: boolean;
  /** Lets parameters and results of type any be Excel data types, such as a formatted number (a top-level property). */
  allowCustomDataForDataTypeAny?: boolean;
  [key: string]: unknown;
}

export const DEV_BASE_URL = 'https://localhost:3000/';

/**
 * Generates the metadata of `files`, with help URLs moved from the dev base
 * URL to `baseUrl`, and two top-level properties that no JSDoc tag sets:
 *
 * - `allowErrorForDataTypeAny` (Microsoft, "Handle and return errors from
 *   your custom function": it "can only be used with manually created JSON
 *   metadata"): without it Excel does not call a function at all when one
 *   cell of a range argument holds an error, so the user sees the bare error
 *   with no reason;
 * - `allowCustomDataForDataTypeAny` (Microsoft, "Manually create JSON
 *   metadata for custom functions": "a top-level property and contains no
 *   sub-properties"): without it Excel shows #VALUE! for the formatted dates
 *   of CV.SEGMENT (addin/functions/date-cells.ts). custom-functions-metadata
 *   2.2.3 happens to write it into every file it generates (lib/generate.js),
 *   but that is no documented promise, so it is set here and checked by
 *   checkDataTypeResults.
 * @throws Error listing every generator error, or when no function is found.
 */
export async function generateMetadata(files: readonly string[], baseUrl = DEV_BASE_URL): Promise<Metadata> {
  const result = await generateCustomFunctionsMetadata([...files], false);
  if (result.errors.length > 0) {
    throw new Error(`custom-functions-metadata reported ${result.errors.length} error(s):\n${result.errors.join('\n')}`);
  }
  if (!result.metadataJson) throw new Error('custom-functions-metadata found no @customfunction in ' + files.join(', '));
  const metadata = JSON.parse(result.metadataJson) as Metadata;
  metadata.allowErrorForDataTypeAny = true;
  metadata.allowCustomDataForDataTypeAny = true;
  for (const f of metadata.functions) {
    if (f.helpUrl?.startsWith(DEV_BASE_URL)) f.helpUrl = baseUrl + f.helpUrl.slice(DEV_BASE_URL.length);
  }
  return metadata;
}

/** Fails unless the metadata ids and the registered ids are the same set. */
export function checkIds(metadata: Metadata, registered: readonly string[]): void {
  const declared = metadata.functions.map((f) => f.id).sort();
  const wired = [...registered].sort();
  const missing = wired.filter((id) => !declared.includes(id));
  const unwired = declared.filter((id) => !wired.includes(id));
  if (missing.length || unwired.length) {
    throw new Error(`custom function ids differ: registered without metadata [${missing.join(', ')}], metadata without implementation [${unwired.join(', ')}]`);
  }
}

/**
 * Fails when a parameter meant for a range is not declared a matrix (or is
 * missing): Excel would call the function once per cell of the range instead
 * of passing the range.
 */
export function checkRangeParameters(metadata: Metadata, ranges: Readonly<Record<string, readonly string[]>>): void {
  const wrong: string[] = [];
  for (const [id, names] of Object.entries(ranges)) {
    const f = metadata.functions.find((m) => m.id === id);
    for (const name of names) {
      const p = f?.parameters.find((q) => q.name === name);
      if (p?.dimensionality !== 'matrix') wrong.push(`${id}(${name}): ${p ? 'declared scalar' : 'not declared'}`);
    }
  }
  if (wrong.length) {
    throw new Error(`parameters meant for a range must be typed unknown[][] so that functions.json declares them a matrix: ${wrong.join(', ')}`);
  }
}

/**
 * Fails unless Excel will take the data types (formatted dates) that the
 * functions `ids` return: functions.json must set
 * `allowCustomDataForDataTypeAny`, and each of their results must be of type
 * any, the type the property opens to data types (a result typed number or
 * string is converted to that type).
 */
export function checkDataTypeResults(metadata: Metadata, ids: readonly string[]): void {
  const wrong: string[] = [];
  if (metadata.allowCustomDataForDataTypeAny !== true) wrong.push('functions.json does not set allowCustomDataForDataTypeAny');
  for (const id of ids) {
    const f = metadata.functions.find((m) => m.id === id);
    if (!f) wrong.push(`${id}: not declared`);
    else if (f.result.type !== undefined && f.result.type !== 'any') wrong.push(`${id}: result declared ${f.result.type}, not any`);
  }
  if (wrong.length) throw new Error(`functions that return formatted dates need Excel's data types: ${wrong.join('; ')}`);
}

/**
 * Fails unless each function's parameter names (the names error values in
 * arguments are reported under) are those of functions.json, in order.
 */
export function checkParameterNames(metadata: Metadata, names: Readonly<Record<string, readonly string[]>>): void {
  const wrong: string[] = [];
  for (const f of metadata.functions) {
    const declared = f.parameters.map((p) => p.name).join(', ');
    const listed = (names[f.id] ?? []).join(', ');
    if (declared !== listed) wrong.push(`${f.id}: functions.json (${declared}), PARAMETERS (${listed})`);
  }
  if (wrong.length) throw new Error(`parameter names differ between the JSDoc and PARAMETERS in addin/functions/declarations.ts: ${wrong.join('; ')}`);
}

/**
 * The metadata for another display language: the same functions, ids, names
 * and parameters, with the descriptions from `local`.
 * @throws Error naming every function or parameter without a description in `local`, and every entry of `local` that functions.json lacks.
 */
export function localizeMetadata(metadata: Metadata, local: Readonly<Record<string, { description: string; parameters: Readonly<Record<string, string>> }>>): Metadata {
  const missing: string[] = [];
  const out = structuredClone(metadata);
  for (const f of out.functions) {
    const l = local[f.id];
    if (!l?.description) missing.push(f.id);
    else f.description = l.description;
    for (const p of f.parameters) {
      const d = l?.parameters[p.name];
      if (!d) missing.push(`${f.id}(${p.name})`);
      else p.description = d;
    }
  }
  const extra = Object.entries(local).flatMap(([id, l]) => {
    const f = metadata.functions.find((m) => m.id === id);
    if (!f) return [id];
    return Object.keys(l.parameters).filter((n) => !f.parameters.some((p) => p.name === n)).map((n) => `${id}(${n})`);
  });
  if (missing.length || extra.length) {
    throw new Error(`localised descriptions: missing for [${missing.join(', ')}], unknown [${extra.join(', ')}]`);
  }
  return out;
}
