import type { JSX } from 'solid-js';
import { PHOTO_TYPES } from './photoUpload.ts';

interface PhotoPickerProps {
  /** The button's content. */
  children: JSX.Element;
  class: string;
  multiple?: boolean;
  disabled?: boolean;
  onFiles: (files: File[]) => void;
}

/**
 * A button that opens the phone's choice of camera or gallery (a file input without `capture`)
 * for photos in the types every phone can give.
 */
export function PhotoPicker(props: PhotoPickerProps) {
  let input: HTMLInputElement | undefined;
  return (
    <>
      <input
        ref={input}
        type="file"
        class="visually-hidden"
        accept={PHOTO_TYPES}
        multiple={props.multiple}
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          // Choosing the same file again must count as a new choice.
          event.currentTarget.value = '';
          if (files.length > 0) props.onFiles(files);
        }}
      />
      <button type="button" class={props.class} disabled={props.disabled} onClick={() => input?.click()}>
        {props.children}
      </button>
    </>
  );
}
