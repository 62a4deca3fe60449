import type { ClientBooking, PublicMaster } from '@zapis/schema';

type Offer = Pick<PublicMaster['services'][number], 'id' | 'name' | 'service'>;

/**
 * Which of the master's services to book again after `booking`: the very service booked while the
 * master still offers it; else (a service since archived, or a booking from before own services were
 * kept) the one of the same catalogue service under the same name, else the first of that catalogue
 * service the master offers.
 */
export function offerToBookAgain(
  booking: Pick<ClientBooking, 'service' | 'serviceName'> & Partial<Pick<ClientBooking, 'masterServiceId'>>,
  offers: readonly Offer[],
): string | undefined {
  const booked = booking.masterServiceId && offers.find((offer) => offer.id === booking.masterServiceId);
  if (booked) return booked.id;
  const sameKind = offers.filter((offer) => offer.service.id === booking.service?.id);
  return (sameKind.find((offer) => offer.name === booking.serviceName) ?? sameKind[0])?.id;
}
