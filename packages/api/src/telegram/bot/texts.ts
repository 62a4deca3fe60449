import { type Locale, localeOf } from '../../context.js';
import type { ReminderAnswerStatus } from '../../modules/booking/reminder-answers.js';
import type { WaitlistAnswerStatus } from '../../modules/booking/waitlist-answers.js';
import type { ReviewAnswerStatus } from '../../modules/review/review-answers.js';
import { REVIEW_WINDOW_DAYS } from '../../review-window.js';
import type { ContactVerificationResult } from '../contact.js';

/** What a booking message says about the booking, already in the reader's language and the master's time zone. */
export interface BookingFacts {
  service: string;
  /** Wall-clock date and time in the master's time zone. */
  time: string;
  master: string;
  client: string;
  address: string | null;
  reason: string | null;
  /** Before the latest move: wall-clock date and time in the master's time zone. */
  previousTime: string | null;
  /** Until when the client must confirm, or the booking is released; null when nothing is awaited. */
  confirmBy: string | null;
}

/** What a waitlist message says about the offered time, in the reader's language and the master's time zone. */
export interface OfferFacts {
  service: string;
  /** Wall-clock date and time of the start in the master's time zone. */
  time: string;
  master: string;
  address: string | null;
  /** Until when the time is held for the client, in the master's time zone. */
  heldUntil: string;
}

const lines = (...parts: (string | null | false)[]) => parts.filter(Boolean).join('\n');

const ru = {
  /** For dates and times in messages. */
  language: 'ru' as 'ru' | 'en',
  greeting:
    'Здравствуйте! Это Zapis — запись к мастерам прямо в Telegram.\n\n' +
    'Мастерам — онлайн-запись и календарь, клиентам — поиск мастера и свободное время.',
  forMasters: 'Для мастера',
  forClients: 'Для клиента',
  menuButton: 'Записаться',
  masterInvite: (name: string) => `${name} в Zapis. Откройте профиль, чтобы выбрать услугу и время.`,
  openMasterPage: 'Открыть профиль мастера',
  masterUnavailable: 'Этот мастер сейчас не принимает записи. Найдите другого мастера в приложении.',
  contact: {
    verified: 'Номер подтверждён. Вернитесь в приложение — регистрация продолжится.',
    not_own_contact: 'Это не ваш контакт. Чтобы подтвердить номер, отправьте свой: скрепка → «Контакт» → ваш номер.',
    no_master: 'Номер подтверждается при регистрации мастера. Начните её в приложении.',
    invalid_phone: 'Не получилось прочитать номер. Введите его в приложении и подтвердите кодом.',
  } satisfies Record<ContactVerificationResult['status'], string>,
  continueRegistration: 'Продолжить регистрацию',
  someService: 'Услуга',
  someClient: 'Клиент',
  newBooking: (b: BookingFacts) => lines('Новая запись', `${b.client} — ${b.service}`, b.time),
  openCalendar: 'Открыть календарь',
  bookingConfirmed: (b: BookingFacts) =>
    lines(`Вы записаны: ${b.service}`, b.time, `Мастер: ${b.master}`, b.address && `Адрес: ${b.address}`),
  myBookings: 'Мои записи',
  cancelledByClient: (b: BookingFacts) => lines('Клиент отменил запись', `${b.client} — ${b.service}`, b.time),
  cancelledByMaster: (b: BookingFacts) =>
    lines(`Мастер ${b.master} отменил вашу запись`, `${b.service} — ${b.time}`, b.reason && `Причина: ${b.reason}`),
  reminder: (lead: '24h' | '2h', b: BookingFacts) =>
    lines(
      lead === '24h' ? 'Напоминаем: завтра у вас запись.' : 'Напоминаем: через 2 часа у вас запись.',
      `${b.service} — ${b.time}`,
      `Мастер: ${b.master}`,
      b.address && `Адрес: ${b.address}`,
      b.confirmBy && `Подтвердите запись кнопкой «Приду» до ${b.confirmBy}, иначе она будет отменена.`,
    ),
  movedByClient: (b: BookingFacts) =>
    lines('Клиент перенёс запись', `${b.client} — ${b.service}`, `Было: ${b.previousTime}`, `Стало: ${b.time}`),
  movedByMaster: (b: BookingFacts) =>
    lines(
      `Мастер ${b.master} перенёс вашу запись`,
      `${b.service} — ${b.time}`,
      `Было: ${b.previousTime}`,
      b.address && `Адрес: ${b.address}`,
    ),
  moveConfirmed: (b: BookingFacts) =>
    lines(`Запись перенесена: ${b.service}`, b.time, `Было: ${b.previousTime}`, `Мастер: ${b.master}`, b.address && `Адрес: ${b.address}`),
  releasedToClient: (b: BookingFacts) =>
    lines(
      'Запись отменена: вы не подтвердили её вовремя.',
      `${b.service} — ${b.time}`,
      `Мастер: ${b.master}`,
      'Если время ещё свободно, запишитесь снова.',
    ),
  releasedToMaster: (b: BookingFacts) => lines('Запись освобождена: клиент не подтвердил её вовремя', `${b.client} — ${b.service}`, b.time),
  confirmButton: 'Приду',
  cancelButton: 'Отменить запись',
  reminderAnswer: {
    confirmed: 'Спасибо! Мастер увидит, что вы придёте.',
    already_confirmed: 'Вы уже подтвердили запись.',
    cancelled: 'Запись отменена.',
    already_cancelled: 'Эта запись уже отменена.',
    too_late: 'Отменить запись здесь уже нельзя: срок отмены прошёл. Свяжитесь с мастером.',
    over: 'Эта запись уже прошла.',
    not_yours: 'Это не ваша запись.',
  } satisfies Record<ReminderAnswerStatus, string>,
  /** Added under the reminder once it is answered (its buttons go away). */
  reminderNote: {
    confirmed: '✅ Вы подтвердили, что придёте.',
    cancelled: '❌ Запись отменена.',
    over: 'Запись прошла.',
  },
  reviewRequest: (b: BookingFacts) =>
    lines(`Как прошёл визит к мастеру ${b.master}?`, `${b.service} — ${b.time}`, 'Оцените от 1 до 5 — оценку увидят другие клиенты.'),
  ratingButton: (rating: number) => `${rating} ⭐`,
  reviewAnswer: {
    recorded: 'Спасибо за оценку!',
    already_reviewed: 'Вы уже оставили отзыв об этом визите.',
    window_closed: `Отзыв можно оставить в течение ${REVIEW_WINDOW_DAYS} дней после визита — этот срок прошёл.`,
    not_completed: 'Отзыв можно оставить только о состоявшемся визите.',
    not_yours: 'Это не ваша запись.',
  } satisfies Record<ReviewAnswerStatus, string>,
  /** Added under the review request once it is rated (the rating buttons go away). */
  reviewNote: (rating: number) =>
    `${'⭐'.repeat(rating)} Спасибо за оценку! Добавьте пару слов в приложении — это поможет другим клиентам.`,
  writeReview: 'Написать отзыв',
  waitlistOffer: (o: OfferFacts) =>
    lines(
      'Освободилось время, которого вы ждали!',
      `${o.service} — ${o.time}`,
      `Мастер: ${o.master}`,
      o.address && `Адрес: ${o.address}`,
      `Время закреплено за вами до ${o.heldUntil}. Нажмите «Беру», чтобы записаться.`,
    ),
  takeButton: 'Беру',
  waitlistOfferExpired: (o: OfferFacts) =>
    lines(
      'Время ушло следующему в очереди: вы не взяли его вовремя.',
      `${o.service} — ${o.time}`,
      'Вы остаётесь в листе ожидания — пришлём, когда освободится другое время.',
    ),
  waitlistAnswer: {
    booked: 'Готово, вы записаны!',
    already_booked: 'Вы уже записаны на это время.',
    expired: 'Время уже ушло следующему в очереди.',
    withdrawn: 'Это время больше не закреплено за вами.',
    unavailable: 'Это время уже занято.',
    not_yours: 'Это предложение не для вас.',
  } satisfies Record<WaitlistAnswerStatus, string>,
  /** Added under the offer once it is taken (the button goes away). */
  waitlistNote: {
    booked: '✅ Вы записаны.',
    gone: 'Время ушло.',
  },
};

export type BotTexts = typeof ru;

const en: BotTexts = {
  language: 'en',
  greeting:
    'Hello! This is Zapis — booking with independent masters right inside Telegram.\n\n' +
    'Masters get online booking and a calendar; clients find a master and a free time.',
  forMasters: 'For masters',
  forClients: 'For clients',
  menuButton: 'Book',
  masterInvite: (name) => `${name} is on Zapis. Open the profile to choose a service and a time.`,
  openMasterPage: "Open the master's profile",
  masterUnavailable: 'This master is not taking bookings right now. Find another master in the app.',
  contact: {
    verified: 'Your number is confirmed. Go back to the app to continue registering.',
    not_own_contact: 'This is not your contact. To confirm your number, send your own: paperclip → Contact → your number.',
    no_master: 'Numbers are confirmed while registering as a master. Start in the app.',
    invalid_phone: 'Could not read the number. Enter it in the app and confirm it with a code.',
  },
  continueRegistration: 'Continue registering',
  someService: 'Service',
  someClient: 'Client',
  newBooking: (b) => lines('New booking', `${b.client} — ${b.service}`, b.time),
  openCalendar: 'Open the calendar',
  bookingConfirmed: (b) => lines(`You are booked: ${b.service}`, b.time, `Master: ${b.master}`, b.address && `Address: ${b.address}`),
  myBookings: 'My bookings',
  cancelledByClient: (b) => lines('The client cancelled', `${b.client} — ${b.service}`, b.time),
  cancelledByMaster: (b) => lines(`${b.master} cancelled your booking`, `${b.service} — ${b.time}`, b.reason && `Reason: ${b.reason}`),
  reminder: (lead, b) =>
    lines(
      lead === '24h' ? 'A reminder: you have a booking tomorrow.' : 'A reminder: your booking is in 2 hours.',
      `${b.service} — ${b.time}`,
      `Master: ${b.master}`,
      b.address && `Address: ${b.address}`,
      b.confirmBy && `Please press “I'll be there” by ${b.confirmBy}, or the booking will be cancelled.`,
    ),
  movedByClient: (b) => lines('The client moved a booking', `${b.client} — ${b.service}`, `Was: ${b.previousTime}`, `Now: ${b.time}`),
  movedByMaster: (b) =>
    lines(`${b.master} moved your booking`, `${b.service} — ${b.time}`, `Was: ${b.previousTime}`, b.address && `Address: ${b.address}`),
  moveConfirmed: (b) =>
    lines(
      `Your booking is moved: ${b.service}`,
      b.time,
      `Was: ${b.previousTime}`,
      `Master: ${b.master}`,
      b.address && `Address: ${b.address}`,
    ),
  releasedToClient: (b) =>
    lines(
      'Your booking is cancelled: it was not confirmed in time.',
      `${b.service} — ${b.time}`,
      `Master: ${b.master}`,
      'If the time is still free, book it again.',
    ),
  releasedToMaster: (b) => lines('A booking was released: the client did not confirm it in time', `${b.client} — ${b.service}`, b.time),
  confirmButton: "I'll be there",
  cancelButton: 'Cancel booking',
  reminderAnswer: {
    confirmed: 'Thank you! The master will see that you are coming.',
    already_confirmed: 'You have already confirmed this booking.',
    cancelled: 'The booking is cancelled.',
    already_cancelled: 'This booking is already cancelled.',
    too_late: 'It is too late to cancel here. Please contact the master.',
    over: 'This booking is over.',
    not_yours: 'This is not your booking.',
  },
  reminderNote: {
    confirmed: '✅ You confirmed that you are coming.',
    cancelled: '❌ The booking is cancelled.',
    over: 'The booking is over.',
  },
  reviewRequest: (b) =>
    lines(`How was your visit to ${b.master}?`, `${b.service} — ${b.time}`, 'Rate it from 1 to 5 — other clients will see your rating.'),
  ratingButton: (rating) => `${rating} ⭐`,
  reviewAnswer: {
    recorded: 'Thank you for your rating!',
    already_reviewed: 'You have already reviewed this visit.',
    window_closed: `A visit can be reviewed for ${REVIEW_WINDOW_DAYS} days after it, and that time has passed.`,
    not_completed: 'Only a visit that took place can be reviewed.',
    not_yours: 'This is not your booking.',
  },
  reviewNote: (rating) => `${'⭐'.repeat(rating)} Thank you! Add a few words in the app — it helps other clients.`,
  writeReview: 'Write a review',
  waitlistOffer: (o) =>
    lines(
      'A time you were waiting for is free!',
      `${o.service} — ${o.time}`,
      `Master: ${o.master}`,
      o.address && `Address: ${o.address}`,
      `It is held for you until ${o.heldUntil}. Press “Take it” to book it.`,
    ),
  takeButton: 'Take it',
  waitlistOfferExpired: (o) =>
    lines(
      'The time went to the next person in line: it was not taken in time.',
      `${o.service} — ${o.time}`,
      'You stay on the waitlist — we will write when another time frees up.',
    ),
  waitlistAnswer: {
    booked: 'Done, you are booked!',
    already_booked: 'You are already booked for this time.',
    expired: 'The time has gone to the next person in line.',
    withdrawn: 'This time is no longer held for you.',
    unavailable: 'This time is taken.',
    not_yours: 'This offer is not for you.',
  },
  waitlistNote: {
    booked: '✅ You are booked.',
    gone: 'The time is gone.',
  },
};

const texts: Record<Locale, BotTexts> = { RU: ru, EN: en };

/** Russian by default, English for users whose Telegram language is English. */
export function botTexts(languageCode: string | null | undefined): BotTexts {
  return texts[localeOf(languageCode)];
}
