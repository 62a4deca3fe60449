import type { MasterProfile } from '@zapis/schema';
import type { Money } from '../../format/money.ts';

/** One service as a master's public page lists it. */
export interface StorefrontService {
  id: string;
  /** The master's own name for it, or the catalogue's. */
  name: string;
  description: string | null;
  price: Money;
  durationMinutes: number;
}

/** A master as their public page shows them: what the API's public `Master` holds. */
export interface StorefrontMaster {
  displayName: string;
  about: string | null;
  /** The full address; null when the master shows clients only an area before they book. */
  address: string | null;
  /** The area shown instead of the address. */
  area: string | null;
  city: { name: string } | null;
  services: readonly StorefrontService[];
}

/**
 * The master's own profile as clients will see it, by the rules the API's public `Master` follows:
 * the address only when it is shown in full, otherwise the area; only the services offered now.
 */
export function publicViewOf(profile: MasterProfile): StorefrontMaster {
  const full = profile.addressVisibility === 'FULL';
  return {
    displayName: profile.displayName,
    about: profile.about,
    address: full ? profile.address : null,
    area: full ? null : profile.area,
    city: profile.city,
    services: profile.services.filter((service) => service.isActive),
  };
}
