import type { ClientProfileTexts } from './clientProfile.ru.ts';

export const clientProfileEn: ClientProfileTexts = {
  title: 'Profile',
  subtitle: 'Contacts for masters, bot messages, language and your data.',
  contacts: {
    title: 'Contacts',
    hint: 'Masters see them on your new bookings; bookings already made keep the ones they were made with.',
    name: 'Name',
    phone: 'Phone',
    phoneHint: 'You may leave it out if you are contacted in Telegram only.',
    channels: 'How to contact you',
    channelsHint: 'Pick one or more, most convenient first. A call, WhatsApp and SMS need a phone.',
    save: 'Save contacts',
    saved: 'Contacts saved.',
    nameRequired: 'Enter your name — masters see it.',
    phoneNeeded: 'A call, WhatsApp and SMS need a phone: enter your number, or keep Telegram only.',
  },
  notifications: {
    title: 'Bot messages',
    hint: 'Each switch is saved at once.',
    telegramOff: 'The bot does not write to you now: Telegram is not among your contact channels. Add it under Contacts above.',
    kinds: {
      bookingUpdates: {
        label: 'Bookings',
        hint: 'A confirmation when you book, and a message if the master moves or cancels your booking. Without them you only see this under «My bookings».',
      },
      reminders: {
        label: 'Visit reminders',
        hint: "A day and 2 hours before a visit, with the buttons «I'll be there» and «Cancel booking». Turn them off and these buttons go too. Some masters ask you to confirm your visit: then confirm it with the master yourself.",
      },
      waitlistOffers: {
        label: 'Freed-up times',
        hint: "When a time frees up at a master whose waitlist you joined. Turn this off and the bot won't tell you about such times.",
      },
      reviewRequests: {
        label: 'Requests to rate a visit',
        hint: 'After a visit the master has marked as completed. You can also rate a visit under «My bookings» for 30 days.',
      },
    },
  },
  language: {
    title: 'Language',
    hint: 'The language of the app, service names and bot messages.',
    telegram: 'As in Telegram',
    ru: 'Русский',
    en: 'English',
  },
  partners: {
    title: 'Partner offers',
    who: 'Zapis partners are businesses interested in clients of a service in a city: a shop of nail supplies, for example.',
    withConsent:
      'With your consent, a partner who gets a list of such clients sees your name, phone and preferred ways to contact you in it — and may offer you something of theirs.',
    withoutConsent:
      'Without it, a partner gets neither your name nor your contacts — only how many times and when you booked or looked at the service.',
    statementTitle: 'Consent text',
    statement:
      'I agree that Zapis may share my name and phone with its partners so that I get their offers. I can withdraw this at any time here, in my profile.',
    version: (version: string) => `Version ${version}`,
    inForce: (date: string) => `You agreed on ${date}.`,
    none: 'No consent — partners do not get your contacts.',
    grant: 'I agree',
    withdraw: 'Withdraw consent',
    withdrawNote: 'Once you withdraw it, partners get your contacts no more; what a partner got before stays with them.',
    granted: 'Consent saved.',
    withdrawn: 'Consent withdrawn.',
    history: 'Consent history',
    given: (date: string) => `Given ${date}`,
    withdrawnAt: (date: string) => `withdrawn ${date}`,
    active: 'in force',
  },
  erase: {
    title: 'Your data',
    hint: 'You can erase everything Zapis keeps about you as a client.',
    button: 'Erase my data',
    sheetTitle: 'Erase your data?',
    removedTitle: 'We remove',
    removed: [
      'your name, Telegram username, phone and contact channels (bot messages and language go back to the defaults);',
      'on your bookings — your name, phone, comments and your reasons for cancelling;',
      'which services you looked at, and the counts of your bookings.',
    ],
    keptTitle: 'What stays — no longer tied to you',
    kept: [
      'bookings — with the masters: time, service, price and status;',
      "reviews — on the masters' pages, without your name;",
      'consents — withdrawn, and kept apart as the record of what you agreed to and when.',
    ],
    upcoming:
      "Upcoming bookings are not cancelled, but you won't see them here or get reminders for them any more. If you won't come, cancel them first.",
    after:
      'Your past bookings can no longer be tied to you. If you open the app again, a new profile starts — with just your Telegram name.',
    irreversible: 'This cannot be undone.',
    confirm: 'Erase for good',
    keep: 'Keep my data',
    doneTitle: 'Your data is erased',
    doneText: 'Your contacts, settings and browsing history are gone; your bookings stay with the masters without your name.',
    doneNext: 'If you go on, a new profile starts — with just your Telegram name.',
    startOver: 'Start over',
  },
};
