import { builder } from '../../builder.js';
import type { Locale } from '../../context.js';
import type { MasterStatus } from '../../generated/prisma/client.js';

export const LocaleEnum = builder.enumType('Locale', {
  values: ['RU', 'EN'] as const satisfies readonly Locale[],
});

export const MasterStatusEnum = builder.enumType('MasterStatus', {
  values: ['DRAFT', 'ACTIVE', 'ARCHIVED'] as const satisfies readonly MasterStatus[],
});

export interface ViewerShape {
  telegramId: bigint;
  firstName: string;
  lastName: string | null;
  username: string | null;
  languageCode: string | null;
  locale: Locale;
  startParam: string | null;
  masterStatus: MasterStatus | null;
  isClient: boolean;
}

/** The verified Telegram user behind the request and what they are to Zapis. */
export const ViewerRef = builder.objectRef<ViewerShape>('Viewer').implement({
  fields: (t) => ({
    telegramId: t.string({ resolve: (viewer) => viewer.telegramId.toString() }),
    firstName: t.exposeString('firstName'),
    lastName: t.exposeString('lastName', { nullable: true }),
    username: t.exposeString('username', { nullable: true }),
    languageCode: t.exposeString('languageCode', { nullable: true }),
    locale: t.expose('locale', { type: LocaleEnum }),
    startParam: t.exposeString('startParam', {
      nullable: true,
      description: 'The `start_param` of the verified init data (deep links).',
    }),
    isMaster: t.boolean({
      description: 'Has a master profile that is not archived (a draft counts).',
      resolve: (viewer) => viewer.masterStatus !== null && viewer.masterStatus !== 'ARCHIVED',
    }),
    masterStatus: t.expose('masterStatus', { type: MasterStatusEnum, nullable: true }),
    isClient: t.exposeBoolean('isClient', { description: 'Has a client profile that was not erased.' }),
  }),
});
