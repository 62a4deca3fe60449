import type { ClientBooking } from '@zapis/schema';
import type { JSX } from 'solid-js';
import { tc } from '../../i18n/client.ts';
import { locale } from '../../i18n/index.ts';
import { downloadInTelegram, openLinkInTelegram } from '../../init.ts';
import { calendarUrl } from './calendarUrl.ts';
import './AddToCalendar.css';

/** The name the API gives the file too (its Content-Disposition), so that every way of saving it agrees. */
const CALENDAR_FILE_NAME = 'zapis-booking.ics';

/**
 * "Add to calendar": the booking's .ics file, which the phone's calendar takes. Telegram offers to
 * save it where it can; older clients open it in the browser, and outside Telegram it is a download.
 */
export function AddToCalendar(props: { booking: Pick<ClientBooking, 'calendarPath'> }) {
  const url = () => calendarUrl(props.booking.calendarPath, window.location.origin, locale());
  const open: JSX.EventHandler<HTMLAnchorElement, MouseEvent> = (event) => {
    if (downloadInTelegram(url(), CALENDAR_FILE_NAME) || openLinkInTelegram(url())) event.preventDefault();
  };

  return (
    <a href={url()} download={CALENDAR_FILE_NAME} class="button button--secondary add-to-calendar" onClick={open}>
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
        <rect x="3.5" y="5" width="17" height="15" rx="3" />
        <path d="M3.5 10h17M8 3v4M16 3v4M12 12.5v5M9.5 15h5" />
      </svg>
      {tc().clientBooking.addToCalendar}
    </a>
  );
}
