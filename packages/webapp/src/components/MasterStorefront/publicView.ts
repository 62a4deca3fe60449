import type { MasterProfile, Photo, PublicMaster } from '@zapis/schema';
import type { Money } from '../../format/money.ts';
import type { RatingValue } from '../Rating/Rating.tsx';
import type { ReviewContent } from '../ReviewItem/ReviewItem.tsx';

/** One service as a master's public page lists it. */
export interface StorefrontService {
  id: string;
  /** The master's own name for it, or the catalogue's. */
  name: string;
  description: string | null;
  price: Money;
  durationMinutes: number;
}

/** A portfolio photo: the thumbnail for the strip, the display size for the viewer. */
export interface StorefrontPhoto {
  id: string;
  thumbUrl: string;
  displayUrl: string;
  width: number;
  height: number;
  caption: string | null;
  /** The service it shows, while the master offers it. */
  service: { id: string; name: string } | null;
}

export interface StorefrontReview extends ReviewContent {
  id: string;
}

/** A master as their public page shows them: what the API's public `Master` holds. */
export interface StorefrontMaster {
  /** The public page's id, for the next pages of reviews. */
  id: string;
  displayName: string;
  about: string | null;
  /** The full address; null when the master shows clients only an area before they book. */
  address: string | null;
  /** The area shown instead of the address. */
  area: string | null;
  city: { name: string } | null;
  /** The avatar's thumbnail; the first letter of the name stands in without one. */
  avatarUrl: string | null;
  rating: RatingValue;
  photos: readonly StorefrontPhoto[];
  /** The latest published reviews, and where the next page of them starts (null: no more). */
  reviews: { latest: readonly StorefrontReview[]; nextCursor: string | null };
  services: readonly StorefrontService[];
}

function storefrontPhoto(photo: Photo): StorefrontPhoto {
  return { ...photo, service: photo.service ? { id: photo.service.id, name: photo.service.name } : null };
}

/** The API's public master as the page shows them. */
export function storefrontOf(master: PublicMaster): StorefrontMaster {
  const reviews = master.reviews;
  return {
    id: master.id,
    displayName: master.displayName,
    about: master.about,
    address: master.address,
    area: master.area,
    city: master.city,
    avatarUrl: master.avatar?.thumbUrl ?? null,
    rating: master.rating,
    photos: master.photos.edges.map((edge) => storefrontPhoto(edge.node)),
    reviews: {
      latest: reviews.edges.map((edge) => edge.node),
      nextCursor: reviews.pageInfo.hasNextPage ? (reviews.pageInfo.endCursor ?? null) : null,
    },
    services: master.services,
  };
}

/**
 * The master's own profile as clients will see it, by the rules the API's public `Master` follows:
 * the address only when it is shown in full, otherwise the area; only the services offered now.
 * A draft has no reviews yet: the preview lists none.
 */
export function publicViewOf(profile: MasterProfile): StorefrontMaster {
  const full = profile.addressVisibility === 'FULL';
  return {
    id: profile.id,
    displayName: profile.displayName,
    about: profile.about,
    address: full ? profile.address : null,
    area: full ? null : profile.area,
    city: profile.city,
    avatarUrl: profile.avatar?.thumbUrl ?? null,
    rating: profile.rating,
    photos: profile.photos.edges.map((edge) => storefrontPhoto(edge.node)),
    reviews: { latest: [], nextCursor: null },
    services: profile.services.filter((service) => service.isActive),
  };
}
