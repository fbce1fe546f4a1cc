/**
 * Runtime checks that a response has the documented JSON types, with the valibot schemas of
 * schemas.ts (which say what is required and what reads as empty when `null` or absent). A
 * missing or mistyped required field raises `cm/bad-response` naming it.
 */
import * as v from 'valibot';
import { CmApiError } from './errors';
import { SCHEMAS, type SchemaName, type SchemaOutput } from './schemas';

export { SCHEMAS, requiredFields, type SchemaName } from './schemas';

/** `field.sub: expected …` for the first issue. */
function describe(issue: v.BaseIssue<unknown>): string {
  const path = issue.path?.map((p) => String(p.key)).join('.') || '(root)';
  return `${path}: expected ${issue.expected ?? issue.type}`;
}

function parse<N extends SchemaName>(name: N, value: unknown): v.SafeParseResult<(typeof SCHEMAS)[N]> {
  return v.safeParse(SCHEMAS[name], value, { abortEarly: true });
}

/** First mismatch as `field: expected kind`, or `null` when `value` fits the schema. */
export function shapeMismatch(name: SchemaName, value: unknown): string | null {
  const r = parse(name, value);
  return r.success ? null : describe(r.issues[0]);
}

/** The parsed DTO (empty values filled in), or throws `cm/bad-response` naming the first bad field. */
export function expectShape<N extends SchemaName>(
  name: N,
  value: unknown,
  where: { method: string; path: string },
): SchemaOutput<N> {
  const r = parse(name, value);
  if (!r.success) {
    const bad = describe(r.issues[0]);
    throw new CmApiError('cm/bad-response', `CM response is not a ${name}: ${bad}`, {
      status: 200,
      ...where,
      field: bad,
    });
  }
  return r.output as SchemaOutput<N>;
}

/** Array version of {@link expectShape}; a single object is accepted as a one-element list (some servers answer a list endpoint with one bare object). */
export function expectShapeList<N extends SchemaName>(
  name: N,
  value: unknown,
  where: { method: string; path: string },
): SchemaOutput<N>[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((x) => expectShape(name, x, where));
}
