import { type JSX, Show } from 'solid-js';
import './Field.css';

interface FieldProps {
  label: string;
  /** The id of the control, so that the label focuses it. */
  for?: string;
  hint?: string;
  error?: string;
  children: JSX.Element;
}

/** A labelled form control with a hint, replaced by the error message when there is one. */
export function Field(props: FieldProps) {
  return (
    <div class="field" data-invalid={props.error ? 'true' : undefined}>
      <label class="field__label" for={props.for}>
        {props.label}
      </label>
      {props.children}
      <Show when={props.error} fallback={<Show when={props.hint}>{(hint) => <p class="field__hint">{hint()}</p>}</Show>}>
        {(error) => (
          <p class="field__error" role="alert">
            {error()}
          </p>
        )}
      </Show>
    </div>
  );
}

/** A field error standing on its own, for errors about a group of controls. */
export function FieldError(props: { message: string | undefined }) {
  return (
    <Show when={props.message}>
      {(message) => (
        <p class="field__error" role="alert" data-invalid="true">
          {message()}
        </p>
      )}
    </Show>
  );
}
