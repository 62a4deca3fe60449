import { For } from 'solid-js';

interface TimeSelectProps {
  value: string;
  /** "HH:MM" in 24-hour time, whatever the device's own format. */
  choices: string[];
  label?: string;
  id?: string;
  class?: string;
  invalid?: boolean;
  onChange: (value: string) => void;
}

/** A time of day from a list; a value off the list keeps its place in it. */
export function TimeSelect(props: TimeSelectProps) {
  const choices = () => (props.choices.includes(props.value) ? props.choices : [...props.choices, props.value].sort());
  return (
    <select
      id={props.id}
      class={`input time-select ${props.class ?? ''}`}
      value={props.value}
      aria-label={props.label}
      aria-invalid={props.invalid}
      onChange={(event) => props.onChange(event.currentTarget.value)}
    >
      <For each={choices()}>{(time) => <option value={time}>{time}</option>}</For>
    </select>
  );
}
