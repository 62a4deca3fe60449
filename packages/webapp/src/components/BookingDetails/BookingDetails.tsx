import { For, type JSX, Show } from 'solid-js';
import './BookingDetails.css';

export interface DetailRow {
  label: string;
  value: JSX.Element;
  /** A smaller line under the value. */
  note?: string;
}

/** What a booking is, line by line: master, service, when, where, price. */
export function BookingDetails(props: { rows: DetailRow[] }) {
  return (
    <dl class="card booking-details">
      <For each={props.rows}>
        {(row) => (
          <div class="booking-details__row">
            <dt>{row.label}</dt>
            <dd>
              {row.value}
              <Show when={row.note}>{(note) => <span class="booking-details__note">{note()}</span>}</Show>
            </dd>
          </div>
        )}
      </For>
    </dl>
  );
}
