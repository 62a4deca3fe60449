import type { MasterProfile } from '@zapis/schema';
import { describe, expect, it } from 'vitest';
import { publicViewOf } from './publicView.ts';

const manicure = { id: 'S1', name: 'Маникюр', category: 'nails', defaultDurationMinutes: 90 };
const service = (id: string, isActive: boolean) => ({
  id,
  name: `Маникюр ${id}`,
  ownName: `Маникюр ${id}`,
  description: null,
  price: { amountMinor: 250_000, currency: 'RUB' },
  durationMinutes: 90,
  isActive,
  service: manicure,
});

const photo = (id: string) => ({
  id,
  caption: null,
  width: 1200,
  height: 1600,
  thumbUrl: `/media/${id}-thumb.webp`,
  displayUrl: `/media/${id}.webp`,
  service: { id: 'MS1', name: 'Маникюр MS1' },
});

function profile(visibility: 'FULL' | 'AREA'): MasterProfile {
  return {
    id: 'M1',
    displayName: 'Ольга — маникюр',
    about: 'Аппаратный маникюр и покрытие.',
    address: 'Светланская ул., 5',
    addressVisibility: visibility,
    area: 'Центр',
    city: { id: 'C1', name: 'Владивосток', timeZone: 'Asia/Vladivostok', currency: 'RUB' },
    services: [service('MS1', true), service('MS2', false)],
    avatar: photo('A1'),
    photos: { edges: [{ node: photo('P1') }, { node: photo('P2') }] },
    rating: { average: null, count: 0 },
  } as MasterProfile;
}

describe('the public view of a master’s own profile', () => {
  it('shows the address only when the master shows it in full, the area otherwise', () => {
    expect(publicViewOf(profile('FULL'))).toMatchObject({ address: 'Светланская ул., 5', area: null });
    expect(publicViewOf(profile('AREA'))).toMatchObject({ address: null, area: 'Центр' });
  });

  it('lists only the services offered now', () => {
    expect(publicViewOf(profile('FULL')).services.map((offered) => offered.id)).toEqual(['MS1']);
  });

  it('shows the avatar and the portfolio in order, and no reviews (a draft has none)', () => {
    const view = publicViewOf(profile('FULL'));
    expect(view.avatarUrl).toBe('/media/A1-thumb.webp');
    expect(view.photos.map((shown) => shown.displayUrl)).toEqual(['/media/P1.webp', '/media/P2.webp']);
    expect(view.reviews).toEqual({ latest: [], nextCursor: null });
  });
});
