import { Show } from 'solid-js';
import { tc } from '../../i18n/client.ts';
import { locale } from '../../i18n/index.ts';
import { utcOffset } from '../../time/utcOffset.ts';
import { clocksDiffer, deviceTimeZone } from './masterTime.ts';
import './ZoneNote.css';

interface ZoneNoteProps {
  /** The master's IANA time zone, in which the page shows times. */
  timeZone: string;
  /** The master's city, to name the zone the way people know it. */
  cityName?: string;
}

/** Says in which zone the times are, when the device's clock shows another time. */
export function ZoneNote(props: ZoneNoteProps) {
  return (
    <Show when={clocksDiffer(props.timeZone, deviceTimeZone())}>
      <p class="zone-note">
        <svg
          viewBox="0 0 24 24"
          width="16"
          height="16"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
          aria-hidden="true"
        >
          <circle cx="12" cy="12" r="9" />
          <path d="M12 7v5l3 2" />
        </svg>
        <span>{tc().clientMaster.zone(props.cityName ?? props.timeZone, utcOffset(props.timeZone, locale()))}</span>
      </p>
    </Show>
  );
}
