import { z } from 'zod';
import { builder } from '../../builder.js';
import { phoneSchema } from '../../validation.js';
import { MasterProfileRef } from '../master/master.types.js';
import { requestPhoneOtp, verifyPhoneOtp } from './phone.service.js';
import { PhoneOtpRequestRef } from './phone.types.js';

const RequestPhoneOtpInput = builder
  .inputType('RequestPhoneOtpInput', {
    fields: (t) => ({
      phone: t.string({ description: 'Any common notation; Russian numbers may start with 8.' }),
    }),
  })
  .validate(z.object({ phone: phoneSchema }));

const VerifyPhoneOtpInput = builder
  .inputType('VerifyPhoneOtpInput', {
    fields: (t) => ({
      phone: t.string({ description: 'The number the code was sent to, in any common notation.' }),
      code: t.string({ description: 'The six digits received.' }),
    }),
  })
  .validate(
    z.object({
      phone: phoneSchema,
      code: z
        .string()
        .trim()
        .regex(/^\d{6}$/, 'Enter the 6-digit code.'),
    }),
  );

builder.mutationFields((t) => ({
  requestPhoneOtp: t.withAuth({ master: true }).field({
    type: PhoneOtpRequestRef,
    description:
      'Sends a one-time code to the number (valid 5 minutes). RATE_LIMITED, with ' +
      '`extensions.retryAfterSeconds`, within 60 s of the previous code or over the hourly limits.',
    args: { input: t.arg({ type: RequestPhoneOtpInput }) },
    resolve: async (_root, { input }, context) => {
      return requestPhoneOtp(context.prisma, context.otpSender, {
        masterId: context.master.id,
        telegramId: context.viewer.telegramId,
        phone: input.phone,
        now: new Date(),
        secret: context.otpSecret,
      });
    },
  }),

  verifyPhoneOtp: t.withAuth({ master: true }).prismaField({
    type: MasterProfileRef,
    description:
      'Verifies the number with the latest code sent to it, completing the phone step. A wrong code ' +
      'answers BAD_USER_INPUT with `extensions.attemptsLeft`; after 5 guesses the code is dead (RATE_LIMITED).',
    args: { input: t.arg({ type: VerifyPhoneOtpInput }) },
    resolve: async (query, _root, { input }, context) => {
      const { id } = context.master;
      await verifyPhoneOtp(context.prisma, {
        masterId: id,
        telegramId: context.viewer.telegramId,
        phone: input.phone,
        code: input.code,
        now: new Date(),
        secret: context.otpSecret,
      });
      return context.prisma.master.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
