import { useNavigate } from '@solidjs/router';
import { useClient } from '@urql/solid';
import { type ClientBooking, PublicMasterQuery } from '@zapis/schema';
import { createSignal } from 'solid-js';
import { tc } from '../../i18n/client.ts';
import { masterFreeTimePath } from '../../navigation.ts';
import { offerToBookAgain } from './bookAgain.ts';

/** "Book again": the master's page with the same service chosen, opened at their free time. */
export function BookAgain(props: { booking: ClientBooking }) {
  const client = useClient();
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);

  const open = async () => {
    setBusy(true);
    // The master's page asks the same: it then shows at once, from the cache.
    const result = await client.query(PublicMasterQuery, { id: props.booking.masterId }).toPromise();
    setBusy(false);
    navigate(masterFreeTimePath(props.booking.masterId, offerToBookAgain(props.booking, result.data?.master?.services ?? [])));
  };

  return (
    <button
      type="button"
      class="button button--secondary client-bookings__action"
      disabled={busy()}
      aria-busy={busy()}
      onClick={() => void open()}
    >
      {tc().clientBookings.bookAgain}
    </button>
  );
}
