import type { EnrollPolicy } from '../../flows';

/**
 * What the user entered in the enrollment view's forms, read from the rendered step bodies of
 * `enroll-steps.ts` (`templateStep`: radio group `template`; `formStep`: inputs `#field-<i>` in the
 * order of the policy's DataCollection fields, MIM CM "GET profiletemplates/{id}/policies/{type}",
 * and `#comment`). Kept beside those templates' ids so the two never drift apart unnoticed.
 */

type Fields = EnrollPolicy['fields'];

/** The template uuid chosen in the radio group; undefined when none is checked. */
export function chosenTemplate(root: ParentNode): string | undefined {
  return root.querySelector<HTMLInputElement>('input[name="template"]:checked')?.value;
}

/** The data-collection values by field name, and the comment ('' when the form has none). */
export function formValues(
  root: ParentNode,
  fields: Fields,
): { values: Record<string, string>; comment: string } {
  const values = Object.fromEntries(
    fields.map((f, i) => [f.name, root.querySelector<HTMLInputElement>(`#field-${i}`)?.value ?? '']),
  );
  return { values, comment: root.querySelector<HTMLTextAreaElement>('#comment')?.value ?? '' };
}

/** Moves the focus to the first field named in `missing` (after the view marked them). */
export function focusFirstMissing(root: ParentNode, fields: Fields, missing: readonly string[]): void {
  const first = fields.findIndex((f) => missing.includes(f.name));
  if (first >= 0) root.querySelector<HTMLElement>(`#field-${first}`)?.focus();
}
