import { builder } from '../../builder.js';
import type { OtpDelivery } from '../../generated/prisma/enums.js';
import type { PhoneOtpRequest } from './phone.service.js';

export const OtpDeliveryEnum = builder.enumType('OtpDelivery', {
  description: 'How a verification code reaches the user.',
  values: {
    TELEGRAM_GATEWAY: { description: 'A message in Telegram, from its Verification Codes account.' },
    DEVELOPMENT_LOG: { description: 'Development only: the code is in the server log.' },
  } satisfies Record<OtpDelivery, unknown>,
});

export const PhoneOtpRequestRef = builder.objectRef<PhoneOtpRequest>('PhoneOtpRequest').implement({
  description: 'A verification code on its way. Enter it with `verifyPhoneOtp` before `expiresAt`.',
  fields: (t) => ({
    phone: t.exposeString('phone', { description: 'The number the code went to, E.164.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    resendAvailableAt: t.expose('resendAvailableAt', {
      type: 'DateTime',
      description: 'When another code for this number may be requested.',
    }),
    delivery: t.expose('delivery', { type: OtpDeliveryEnum }),
  }),
});
