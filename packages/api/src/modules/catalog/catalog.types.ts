import { builder } from '../../builder.js';

/** A city from the catalogue. Its IANA time zone becomes the time zone of masters there. */
export const CityRef = builder.prismaNode('City', {
  id: { field: 'id' },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.string({
      description: "Name in the caller's language.",
      select: { nameRu: true, nameEn: true },
      resolve: (city, _args, context) => (context.locale === 'EN' ? city.nameEn : city.nameRu),
    }),
    countryCode: t.exposeString('countryCode'),
    timeZone: t.exposeString('timeZone', { description: 'IANA time zone, e.g. Europe/Moscow.' }),
    currency: t.exposeString('currency', {
      description:
        "ISO 4217 code of the money masters there charge in (RUB, KZT, GEL, RSD, EUR…): every price of a master is in their city's.",
    }),
  }),
});

/** A service from the catalogue that masters offer with their own price and duration. */
export const ServiceRef = builder.prismaNode('Service', {
  id: { field: 'id' },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    category: t.exposeString('category'),
    name: t.string({
      description: "Name in the caller's language.",
      select: { nameRu: true, nameEn: true },
      resolve: (service, _args, context) => (context.locale === 'EN' ? service.nameEn : service.nameRu),
    }),
    defaultDurationMinutes: t.exposeInt('defaultDurationMinutes'),
  }),
});
