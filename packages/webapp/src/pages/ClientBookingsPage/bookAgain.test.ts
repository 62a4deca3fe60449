import { describe, expect, it } from 'vitest';
import { offerToBookAgain } from './bookAgain.ts';

const manicure = { id: 'U2VydmljZTox', name: 'Маникюр', category: 'nails' };
const pedicure = { id: 'U2VydmljZToy', name: 'Педикюр', category: 'nails' };
const offers = [
  { id: 'pedicure', name: 'Педикюр', service: pedicure },
  { id: 'gel', name: 'Маникюр с покрытием', service: manicure },
  { id: 'express', name: 'Экспресс-маникюр', service: manicure },
];

describe('booking again', () => {
  it('chooses the service booked: the one of its catalogue service under its name', () => {
    expect(offerToBookAgain({ service: manicure, serviceName: 'Экспресс-маникюр' }, offers)).toBe('express');
  });

  it('chooses the very service booked while it is still offered, even under a name shared with another', () => {
    const renamed = [...offers, { id: 'gel-2', name: 'Экспресс-маникюр', service: manicure }];
    expect(offerToBookAgain({ masterServiceId: 'gel-2', service: manicure, serviceName: 'Экспресс-маникюр' }, renamed)).toBe('gel-2');
    expect(offerToBookAgain({ masterServiceId: 'archived', service: manicure, serviceName: 'Экспресс-маникюр' }, offers)).toBe('express');
  });

  it('falls back to the first of the same catalogue service when the master renamed or removed it', () => {
    expect(offerToBookAgain({ service: manicure, serviceName: 'Маникюр без покрытия' }, offers)).toBe('gel');
  });

  it('chooses none when the master no longer offers anything of the kind (their page picks its first)', () => {
    expect(offerToBookAgain({ service: { id: 'U2VydmljZToz', name: 'Стрижка' }, serviceName: 'Стрижка' }, offers)).toBe(undefined);
    expect(offerToBookAgain({ service: null, serviceName: null }, offers)).toBe(undefined);
  });
});
