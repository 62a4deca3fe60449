import { builder } from '../../builder.js';
import { ViewerRef } from './viewer.types.js';

builder.queryField('me', (t) =>
  t.withAuth({ telegramUser: true }).field({
    type: ViewerRef,
    description: 'The verified Telegram user and whether they are a master and/or a client.',
    resolve: async (_root, _args, context) => {
      const { telegramId, user, initData } = context.viewer;
      const [master, client] = await Promise.all([
        context.prisma.master.findUnique({ where: { telegramId }, select: { status: true } }),
        context.prisma.client.findUnique({ where: { telegramId }, select: { erasedAt: true } }),
      ]);
      return {
        telegramId,
        firstName: user.first_name,
        lastName: user.last_name ?? null,
        username: user.username ?? null,
        languageCode: user.language_code ?? null,
        locale: context.locale,
        startParam: initData.startParam ?? null,
        masterStatus: master?.status ?? null,
        isClient: client !== null && client.erasedAt === null,
      };
    },
  }),
);
