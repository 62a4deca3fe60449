import { plural } from './plural.ts';

/**
 * The texts every screen may show (common words, home, errors, dates, the launch screens), in
 * Russian. Both languages are in the boot chunk: which one is in use is known only once the app has
 * launched. Texts only one role shows are in ./client.ru.ts and ./master.ru.ts.
 */
export const sharedRu = {
  common: {
    loading: 'Загрузка…',
    retry: 'Повторить',
    cancel: 'Отмена',
    close: 'Закрыть',
    back: 'Назад',
  },
  home: {
    tagline: 'Запись к мастеру прямо в Telegram',
    forMaster: 'Для мастера',
    forMasterHint: 'Принимайте записи без переписки',
    forClient: 'Для клиента',
    forClientHint: 'Найдите мастера и свободное время',
  },
  dates: {
    today: 'Сегодня',
    tomorrow: 'Завтра',
    yesterday: 'Вчера',
  },
  catalog: {
    categories: {
      nails: 'Ногти',
      hair: 'Волосы',
      brows: 'Брови и ресницы',
      massage: 'Массаж',
      tattoo: 'Тату',
      tutoring: 'Репетиторство',
    } as Record<string, string>,
  },
  storefront: {
    services: 'Услуги',
    noServices: 'Мастер пока не добавил услуги.',
    areaNote: 'Точный адрес — после записи',
    portfolio: 'Работы',
    openPhoto: (number: number, total: number) => `Открыть фото ${number} из ${total}`,
    reviews: 'Отзывы',
    moreReviews: 'Показать ещё отзывы',
    reply: 'Ответ мастера',
    anonymous: 'Клиент',
  },
  rating: {
    reviews: (count: number) => `${count} ${plural(count, 'отзыв', 'отзыва', 'отзывов')}`,
    /** For screen readers, beside the stars. */
    label: (average: string, count: number) => `Оценка ${average} из 5, ${count} ${plural(count, 'отзыв', 'отзыва', 'отзывов')}`,
    stars: (stars: number) => `${stars} из 5`,
  },
  photoViewer: {
    title: (number: number, total: number) => `Фото ${number} из ${total}`,
    previous: 'Предыдущее фото',
    next: 'Следующее фото',
    chooseService: 'Выбрать эту услугу',
  },
  validation: {
    phone: 'Введите номер полностью, например +7 912 345-67-89.',
  },
  errors: {
    title: 'Что-то пошло не так',
    UNAUTHENTICATED: 'Не удалось подтвердить вход через Telegram. Откройте приложение заново из бота.',
    FORBIDDEN: 'У вас нет доступа к этому разделу.',
    MASTER_NOT_REGISTERED: 'Сначала зарегистрируйтесь как мастер.',
    BAD_USER_INPUT: 'Проверьте введённые данные и попробуйте снова.',
    SLOT_UNAVAILABLE: 'Это время уже заняли. Выберите, пожалуйста, другое.',
    RATE_LIMITED: 'Слишком много запросов. Подождите немного и попробуйте снова.',
    NETWORK: 'Нет связи с сервером. Проверьте интернет и попробуйте снова.',
    GENERIC: 'Не удалось загрузить данные. Попробуйте ещё раз.',
    rateLimitedFor: (time: string) => `Слишком много запросов. Попробуйте снова через ${time}.`,
    checkFields: 'Проверьте отмеченные поля.',
    saveFailed: 'Не удалось сохранить. Попробуйте ещё раз.',
  },
  outside: {
    title: 'Откройте приложение в\u00a0Telegram',
    text: 'Zapis работает внутри Telegram. Откройте нашего бота и нажмите «Для мастера» или «Для клиента».',
  },
  testUsers: {
    title: 'Вход для разработки',
    intro: 'Приложение открыто вне Telegram. Выберите тестового пользователя — сервер разработки подпишет для него данные входа.',
    language: 'Язык',
    failed: 'Не удалось войти. Попробуйте ещё раз.',
    switchUser: 'Сменить тестового пользователя',
  },
};

export type SharedTexts = typeof sharedRu;
