import { builder } from '../../builder.js';
import { eraseClientData } from './privacy.service.js';

builder.mutationFields((t) => ({
  eraseMyData: t.withAuth({ telegramUser: true }).field({
    type: 'DateTime',
    nullable: true,
    description:
      'Erases your personal data as a client (name, username, phone, channels, the contact details and comments on ' +
      'your bookings, your interests) and withdraws your consents. Masters keep the time, service and status of your ' +
      'bookings, and your reviews, without your name and detached from you; your profile gets a new internal id, so nothing from before ' +
      'can be tied to you again. Returns when the data was erased; null when you had no client profile. Idempotent.',
    resolve: (_root, _args, context) => eraseClientData(context.prisma, context.viewer.telegramId),
  }),
}));
