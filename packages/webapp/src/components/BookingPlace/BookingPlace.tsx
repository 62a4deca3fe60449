import type { ClientBooking } from '@zapis/schema';
import { For, Show } from 'solid-js';
import { tc } from '../../i18n/client.ts';
import { ExternalLink } from '../ExternalLink/ExternalLink.tsx';
import './BookingPlace.css';

type MapLinks = NonNullable<ClientBooking['mapLinks']>;

const MAPS: readonly (keyof MapLinks)[] = ['yandex', 'twoGis', 'google'];

/** The full address of a booking, with the maps that find it. */
export function BookingPlace(props: { address: string; mapLinks: MapLinks | null }) {
  return (
    <span class="booking-place">
      <span>{props.address}</span>
      <Show when={props.mapLinks}>
        {(links) => (
          <span class="booking-place__maps" role="group" aria-label={tc().clientBooking.maps}>
            <For each={MAPS}>
              {(map) => (
                <ExternalLink href={links()[map]} class="booking-place__map">
                  {tc().clientBooking.map[map]}
                </ExternalLink>
              )}
            </For>
          </span>
        )}
      </Show>
    </span>
  );
}

/** A button to write to the master in Telegram, when the master allows it. */
export function WriteToMaster(props: { url: string | null }) {
  return (
    <Show when={props.url}>
      {(url) => (
        <ExternalLink href={url()} class="button button--secondary booking-place__write">
          <svg
            viewBox="0 0 24 24"
            width="20"
            height="20"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden="true"
          >
            <path d="M21.5 3.5 10.5 14.5" />
            <path d="M21.5 3.5 14.5 21.5 10.5 14.5 3 10.5Z" />
          </svg>
          {tc().clientBooking.writeToMaster}
        </ExternalLink>
      )}
    </Show>
  );
}
