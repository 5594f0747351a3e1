import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';

/**
 * Field errors for every form, one rule:
 * - nothing shows before the first submit attempt;
 * - after it, each field's error is the form's own check run again on every render, so it goes as
 *   soon as the person corrects the field and comes back if they break it again;
 * - a refusal from the server beside one field (a form's FIELD_OF_ERROR_CODE) shows while that field
 *   still holds the value it had when the refusal was first shown, and wins over the form's check;
 * - a failed attempt or a field refusal brings the first invalid field (page order) into view and,
 *   on H5, puts the keyboard focus on its control.
 *
 * Only zod's types are imported: pages that merely show errors do not download the library.
 */

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** A zod failure (the ZodError or its issues) as one message per field; the first issue of a field wins. */
export function fieldErrorsOf<F extends string>(
  error: { readonly issues: readonly Issue[] } | readonly Issue[],
  fieldOf: (path: readonly PropertyKey[]) => F | undefined,
  messageFor: (field: F, issueMessage: string) => string = (_field, issueMessage) => issueMessage,
): FieldErrors<F> {
  const issues = isIssueList(error) ? error : error.issues;
  const errors: FieldErrors<F> = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (field !== undefined && errors[field] === undefined) errors[field] = messageFor(field, issue.message);
  }
  return errors;
}

function isIssueList(error: { readonly issues: readonly Issue[] } | readonly Issue[]): error is readonly Issue[] {
  return Array.isArray(error);
}

/** Marks the view that holds a field (label, control, FieldError) while it has an error: the scroll's target. */
export const INVALID_FIELD = 'gz-field-invalid';

/** `base` '' for a part of a larger field (a question inside a group) that has its own error */
export function fieldClass(error: string | undefined, base = 'gz-field'): string {
  return error ? `${base} ${INVALID_FIELD}`.trim() : base;
}

export interface FormErrors<F extends string> {
  /** what to show beside each field now */
  errors: FieldErrors<F>;
  /** goes on the form's outermost view: the first invalid field is looked for inside it only */
  formClass: string;
  /** call when the person submits; false (and the first error brought into view) when the check fails */
  submitAttempt(): boolean;
  /** the server refused these fields: shown beside them until their values change */
  serverError(errors: FieldErrors<F>): void;
  /** after a successful send that empties the form: back to showing nothing */
  reset(): void;
}

interface Refusal<F extends string> {
  field: F;
  message: string;
  /** the field's value when first shown; the refusal stands while the value is the same */
  value?: { is: string };
}

let forms = 0;

/**
 * @param check the form's validation of its current draft (pure: it runs on every render after an attempt)
 * @param values each field's current value, compared to tell when a refused field has been changed
 */
export function useFormErrors<F extends string>(check: () => FieldErrors<F>, values: Partial<Record<F, unknown>> = {}): FormErrors<F> {
  const [formClass] = useState(() => `gz-form-${++forms}`);
  const [attempted, setAttempted] = useState(false);
  const [refusals, setRefusals] = useState<Refusal<F>[]>([]);
  const [reveals, setReveals] = useState(0);

  // the value is read at the first render after the refusal, not when it arrived: a form may change the
  // field in the same update (the real-name form drops a WeChat phone code the server refused)
  if (refusals.some((r) => !r.value)) {
    setRefusals(refusals.map((r) => (r.value ? r : { ...r, value: { is: valueKey(values[r.field]) } })));
  }

  useEffect(() => {
    if (reveals > 0) revealFirstInvalidField(formClass);
  }, [reveals, formClass]);

  const errors: FieldErrors<F> = attempted ? { ...check() } : {};
  for (const refusal of refusals) {
    if (refusal.value?.is === valueKey(values[refusal.field])) errors[refusal.field] = refusal.message;
  }

  return {
    errors,
    formClass,
    submitAttempt() {
      setAttempted(true);
      const ok = Object.keys(check()).length === 0;
      if (!ok) setReveals((n) => n + 1);
      return ok;
    },
    serverError(found) {
      const next = (Object.keys(found) as F[]).flatMap((field) => {
        const message = found[field];
        return message ? [{ field, message }] : [];
      });
      setRefusals(next);
      if (next.length > 0) setReveals((n) => n + 1);
    },
    reset() {
      setAttempted(false);
      setRefusals([]);
    },
  };
}

function valueKey(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * H5: the first error beside a field inside the form is centred on screen and its field's control
 * (text box, or the first control reachable with Tab) takes the focus. WeChat has no focus() to call:
 * the page scrolls to the field once the view layer has the update.
 */
function revealFirstInvalidField(formClass: string): void {
  if (process.env.TARO_ENV === 'h5') {
    const alert = document.querySelector(`.${formClass} .${INVALID_FIELD} [role="alert"]`);
    const field = alert?.closest<HTMLElement>(`.${INVALID_FIELD}`);
    if (!field) return;
    field.scrollIntoView({ block: 'center' });
    const control = field.querySelector<HTMLElement>('input, textarea') ?? field.querySelector<HTMLElement>('[tabindex="0"]');
    control?.focus({ preventScroll: true });
    return;
  }
  Taro.nextTick(() => {
    Taro.pageScrollTo({ selector: `.${formClass} .${INVALID_FIELD}`, duration: 300 }).catch(() => {});
  });
}
