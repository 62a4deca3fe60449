import type { ClientBooking, PublicMaster } from '@zapis/schema';

type Offer = Pick<PublicMaster['services'][number], 'id' | 'name' | 'service'>;

/**
 * Which of the master's services to book again after `booking`. A client's booking names the
 * catalogue service and the master's name for their service, not that service itself: the one of
 * that catalogue service under that name, else the first of that catalogue service the master offers.
 */
export function offerToBookAgain(booking: Pick<ClientBooking, 'service' | 'serviceName'>, offers: readonly Offer[]): string | undefined {
  const sameKind = offers.filter((offer) => offer.service.id === booking.service?.id);
  return (sameKind.find((offer) => offer.name === booking.serviceName) ?? sameKind[0])?.id;
}
