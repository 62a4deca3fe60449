import type { SharedTexts } from './shared.ru.ts';

export const sharedEn: SharedTexts = {
  common: {
    loading: 'Loading…',
    retry: 'Try again',
    cancel: 'Cancel',
    close: 'Close',
    back: 'Back',
  },
  home: {
    tagline: 'Book your master right in Telegram',
    forMaster: 'For master',
    forMasterHint: 'Take bookings without the back-and-forth',
    forClient: 'For client',
    forClientHint: 'Find a master and a free time',
  },
  dates: {
    today: 'Today',
    tomorrow: 'Tomorrow',
    yesterday: 'Yesterday',
  },
  catalog: {
    categories: {
      nails: 'Nails',
      hair: 'Hair',
      brows: 'Brows & lashes',
      massage: 'Massage',
      tattoo: 'Tattoo',
      tutoring: 'Tutoring',
    } as Record<string, string>,
  },
  storefront: {
    services: 'Services',
    noServices: "This master hasn't added any services yet.",
    areaNote: 'Exact address once you book',
    portfolio: 'Portfolio',
    openPhoto: (number: number, total: number) => `Open photo ${number} of ${total}`,
    reviews: 'Reviews',
    moreReviews: 'Show more reviews',
    reply: "Master's reply",
    anonymous: 'A client',
  },
  rating: {
    reviews: (count: number) => `${count} ${count === 1 ? 'review' : 'reviews'}`,
    label: (average: string, count: number) => `Rated ${average} out of 5, ${count} ${count === 1 ? 'review' : 'reviews'}`,
    stars: (stars: number) => `${stars} out of 5`,
  },
  photoViewer: {
    title: (number: number, total: number) => `Photo ${number} of ${total}`,
    previous: 'Previous photo',
    next: 'Next photo',
    chooseService: 'Choose this service',
  },
  validation: {
    phone: 'Enter the full number, e.g. +7 912 345-67-89.',
  },
  errors: {
    title: 'Something went wrong',
    UNAUTHENTICATED: "We couldn't verify your Telegram sign-in. Please reopen the app from the bot.",
    FORBIDDEN: "You don't have access to this.",
    MASTER_NOT_REGISTERED: 'Please register as a master first.',
    BAD_USER_INPUT: 'Please check what you entered and try again.',
    SLOT_UNAVAILABLE: 'That time has just been taken. Please pick another one.',
    RATE_LIMITED: 'Too many requests. Please wait a moment and try again.',
    NETWORK: "Can't reach the server. Check your connection and try again.",
    GENERIC: "We couldn't load this. Please try again.",
    rateLimitedFor: (time: string) => `Too many requests. Please try again in ${time}.`,
    checkFields: 'Please check the highlighted fields.',
    saveFailed: "Couldn't save. Please try again.",
  },
  outside: {
    title: 'Open this app from Telegram',
    text: 'Zapis lives inside Telegram. Open our bot and tap «For master» or «For client».',
  },
  testUsers: {
    title: 'Development sign-in',
    intro: 'The app is open outside Telegram. Pick a test user — the development server will sign the init data for them.',
    language: 'Language',
    failed: "Couldn't sign in. Please try again.",
    switchUser: 'Switch test user',
  },
};
