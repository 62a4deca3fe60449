import type { Dictionary } from './ru.ts';

export const en: Dictionary = {
  common: {
    loading: 'Loading…',
    retry: 'Try again',
  },
  home: {
    tagline: 'Book your master right in Telegram',
    forMaster: 'For master',
    forMasterHint: 'Take bookings without the back-and-forth',
    forClient: 'For client',
    forClientHint: 'Find a master and a free time',
  },
  master: {
    title: 'Master area',
    registered: 'You are registered as a master',
    notRegistered: 'You are not registered as a master yet',
    status: {
      ACTIVE: 'Profile is active',
      DRAFT: 'Registration is not finished',
      ARCHIVED: 'Profile is archived',
    },
    comingSoon: 'Registration, your calendar and settings will appear here very soon.',
  },
  client: {
    greeting: (name: string) => `Hi, ${name}!`,
    greetingAnonymous: 'Hi there!',
    intro: 'Choose your city to find masters near you.',
    cities: 'City',
    noCities: 'No cities are available yet.',
    cityChosen: (city: string) => `Searching for masters in ${city} will appear here very soon.`,
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
  },
  outside: {
    title: 'Open this app from Telegram',
    text: 'Zapis lives inside Telegram. Open our bot and tap «For master» or «For client».',
  },
  testUsers: {
    title: 'Development sign-in',
    intro:
      'The app is open outside Telegram. Pick a test user — the development server will sign the init data for them.',
    language: 'Language',
    failed: "Couldn't sign in. Please try again.",
    switchUser: 'Switch test user',
  },
};
