import type { MasterService } from '@zapis/schema';
import { describe, expect, it } from 'vitest';
import { draftOf, draftProblems, newDraft, type ServiceKind, serviceInput, shownName } from './serviceDraft.ts';

const manicure: ServiceKind = { id: 'S1', name: 'Маникюр', category: 'nails', defaultDurationMinutes: 90 };
const pedicure: ServiceKind = { id: 'S2', name: 'Педикюр', category: 'nails', defaultDurationMinutes: 90 };

const saved: MasterService = {
  id: 'MS1',
  name: 'Маникюр с покрытием',
  ownName: 'Маникюр с покрытием',
  description: 'Гель-лак, снятие',
  price: { amountMinor: 4_550, currency: 'GEL' },
  durationMinutes: 120,
  isActive: true,
  service: manicure,
};

describe('service drafts', () => {
  it('reads a saved service back into the fields as typed, in its currency', () => {
    expect(draftOf(saved, 'ru')).toMatchObject({ id: 'MS1', name: 'Маникюр с покрытием', price: '45,50', durationMinutes: 120 });
    expect(draftOf({ ...saved, ownName: null, description: null }, 'en')).toMatchObject({ name: '', description: '', price: '45.50' });
  });

  it('gives the API minor units of the city currency and blank texts as none', () => {
    const draft = { ...newDraft(manicure), price: '2 500', name: '  ', description: ' ' };
    expect(draft.durationMinutes).toBe(90);
    expect(serviceInput(draft, 'RUB')).toEqual({
      serviceId: 'S1',
      name: null,
      description: null,
      priceMinor: 250_000,
      durationMinutes: 90,
    });
    expect(serviceInput(draftOf(saved, 'ru'), 'GEL')).toEqual({
      id: 'MS1',
      serviceId: 'S1',
      name: 'Маникюр с покрытием',
      description: 'Гель-лак, снятие',
      priceMinor: 4_550,
      durationMinutes: 120,
    });
    expect(shownName(draft)).toBe('Маникюр');
  });

  it('wants a price, and distinct names for services of one kind', () => {
    const first = { ...newDraft(manicure), price: '2500' };
    const same = { ...newDraft(manicure), price: 'abc' };
    expect(draftProblems(same, [first, same], 'RUB')).toEqual(['price', 'name']);
    expect(draftProblems({ ...same, price: '2000', name: 'Без покрытия' }, [first], 'RUB')).toEqual([]);
    expect(draftProblems({ ...same, price: '2000', name: 'маникюр с покрытием' }, [draftOf(saved, 'ru')], 'RUB')).toEqual(['name']);
    // Another kind may share the name, and a service never clashes with itself.
    expect(draftProblems({ ...newDraft(pedicure), price: '2000' }, [first], 'RUB')).toEqual([]);
    expect(draftProblems(first, [first], 'RUB')).toEqual([]);
    expect(draftProblems({ ...first, price: '15.5' }, [], 'JPY')).toEqual(['price']);
  });
});
