import { plural } from './plural.ts';

/** The statistics screen's texts, in Russian. Each figure is explained as the API counts it (`masterStats`). */
export const masterStatsRu = {
  title: 'Статистика',
  zone: (city: string) => `По времени: ${city}`,
  periods: { week: 'Неделя', month: 'Месяц', custom: 'Период' },
  previous: 'Раньше',
  next: 'Позже',
  from: 'С',
  to: 'По',
  rangeTooLong: (days: number) => `Не больше ${days} дней за раз.`,
  bookings: 'Записи',
  bookingsHint: 'без отменённых',
  completed: 'Визиты',
  completedHint: 'клиент пришёл',
  revenue: 'Выручка',
  revenueHint: 'за состоявшиеся визиты',
  utilisation: 'Загрузка',
  utilisationHint: (booked: string, working: string) => `занято ${booked} из ${working} рабочего времени`,
  noShowRate: 'Неявки',
  noShowHint: (count: number) => `${count} ${plural(count, 'неявка', 'неявки', 'неявок')}`,
  lateCancellationRate: 'Поздние отмены',
  lateCancellationHint: (count: number) => `${count} ${plural(count, 'отмена', 'отмены', 'отмен')} клиентом позже чем за сутки`,
  clients: 'Клиенты',
  clientsHint: (fresh: number, returning: number) =>
    `${fresh} ${plural(fresh, 'новый', 'новых', 'новых')}, ${returning} ${plural(returning, 'вернулся', 'вернулись', 'вернулись')}`,
  noRate: '—',
  byDay: 'Записи по дням',
  byDayLegend: { bookings: 'записи', completed: 'визиты' },
  byWeekday: 'Дни недели',
  byHour: 'Часы начала',
  topServices: 'Популярные услуги',
  serviceBookings: (count: number) => `${count} ${plural(count, 'запись', 'записи', 'записей')}`,
  hours: (minutes: number) => `${Math.round(minutes / 6) / 10} ч`,
  chartLabel: (title: string, summary: string) => `${title}: ${summary}`,
  emptyTitle: 'За этот период записей нет',
  emptyText:
    'Когда клиенты запишутся, здесь появятся записи, выручка и загрузка. Посмотрите другой период или поделитесь ссылкой на свою страницу.',
  toCalendar: 'К календарю',
};

export type MasterStatsTexts = typeof masterStatsRu;
