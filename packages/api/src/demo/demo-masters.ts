/**
 * The demo's crowd: in every demo city a handful of masters of each kind, so that a search there
 * finds several masters for most services, with their own service names, prices in the city's
 * currency, some showing only an area before booking. Generated the same way on every start (no
 * randomness), with made-up names and numbers; Telegram ids 700 001 000 and up.
 */

/** A demo master, as seeded: who, where, when and what. */
export interface DemoMaster {
  telegramId: number;
  firstName: string;
  lastName: string;
  username: string;
  languageCode: string;
  displayName: string;
  about: string;
  phone: string;
  city: string;
  address: string;
  /** Only `area` before booking (the default shows the full address). */
  addressVisibility?: 'FULL' | 'AREA';
  area?: string;
  telegramContactAllowed?: boolean;
  /** ISO weekday → [start, end) in local minutes. */
  schedule: Record<number, [number, number][]>;
  slots: { stepMinutes: number; bufferMinutes: number; minNoticeMinutes: number; horizonDays: number };
  /** The master's own services: under a catalogue service (`slug`), prices in whole units of the city's currency. */
  services: { slug: string; name?: string; description?: string; price: number; durationMinutes: number }[];
}

const h = (hours: number, minutes = 0) => hours * 60 + minutes;

interface CityPlaces {
  slug: string;
  /** How a rouble price reads in the city's currency, rounded to what people charge. */
  price: (rubles: number) => number;
  streets: string[];
  areas: string[];
  english?: boolean;
}

const round = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);

const cities: CityPlaces[] = [
  {
    slug: 'moscow',
    price: (rub) => round(rub * 1.2, 100),
    streets: ['ул. Арбат', 'ул. Маросейка', 'Ленинский пр.', 'ул. Профсоюзная'],
    areas: ['м. Чистые пруды', 'м. Октябрьская', 'Хамовники'],
  },
  {
    slug: 'saint-petersburg',
    price: (rub) => round(rub, 100),
    streets: ['ул. Рубинштейна', 'Литейный пр.', 'Большой пр. П.С.', 'ул. Марата'],
    areas: ['м. Горьковская', 'Васильевский остров', 'м. Владимирская'],
  },
  {
    slug: 'kaliningrad',
    price: (rub) => round(rub * 0.85, 100),
    streets: ['Ленинский пр.', 'ул. Театральная', 'ул. Горького'],
    areas: ['Центр', 'Амалиенау'],
  },
  {
    slug: 'yekaterinburg',
    price: (rub) => round(rub * 0.9, 100),
    streets: ['ул. Вайнера', 'ул. Малышева', 'пр. Ленина'],
    areas: ['м. Геологическая', 'Центр'],
  },
  {
    slug: 'novosibirsk',
    price: (rub) => round(rub * 0.85, 100),
    streets: ['ул. Ленина', 'ул. Советская', 'ул. Гоголя'],
    areas: ['м. Площадь Ленина', 'Академгородок'],
  },
  {
    slug: 'vladivostok',
    price: (rub) => round(rub * 0.95, 100),
    streets: ['ул. Светланская', 'ул. Алеутская', 'Океанский пр.'],
    areas: ['Центр', 'Эгершельд'],
  },
  {
    slug: 'almaty',
    price: (rub) => round(rub * 5.5, 500),
    streets: ['пр. Достык', 'ул. Панфилова', 'пр. Абая', 'ул. Кабанбай батыра'],
    areas: ['Медеуский район', 'Бостандыкский район'],
  },
  {
    slug: 'tbilisi',
    price: (rub) => round(rub * 0.03, 5),
    streets: ['пр. Руставели', 'ул. Марджанишвили', 'ул. Палиашвили'],
    areas: ['Ваке', 'Сололаки', 'Сабуртало'],
  },
  {
    slug: 'belgrade',
    price: (rub) => round(rub * 1.15, 100),
    streets: ['Knez Mihailova', 'Cara Dušana', 'Bulevar kralja Aleksandra'],
    areas: ['Dorćol', 'Vračar', 'Novi Beograd'],
    english: true,
  },
  {
    slug: 'limassol',
    price: (rub) => round(rub * 0.011, 5),
    streets: ['Makariou III Ave', 'Anexartisias St', 'Gladstonos St'],
    areas: ['Old Town', 'Germasogeia'],
    english: true,
  },
];

interface Specialty {
  kind: string;
  displayKind: string;
  displayKindEn: string;
  about: string[];
  aboutEn: string;
  services: { slug: string; rubles: number; durationMinutes: number; name?: string; description?: string }[][];
}

const specialties: Specialty[] = [
  {
    kind: 'nails',
    displayKind: 'маникюр',
    displayKindEn: 'nails',
    about: [
      'Аппаратный и комбинированный маникюр, укрепление, аккуратный дизайн. Инструменты проходят стерилизацию.',
      'Маникюр и педикюр в уютном кабинете: покрытие держится до трёх недель, стерильные инструменты.',
    ],
    aboutEn: 'Russian manicure and gel polish that lasts three weeks. Sterilised tools, a calm studio.',
    services: [
      [
        { slug: 'manicure', rubles: 1800, durationMinutes: 60, name: 'Маникюр без покрытия', description: 'Обработка кутикулы и форма.' },
        {
          slug: 'manicure',
          rubles: 2600,
          durationMinutes: 105,
          name: 'Маникюр с покрытием гель-лак',
          description: 'Маникюр, выравнивание и покрытие в один тон.',
        },
        { slug: 'gel-polish', rubles: 1500, durationMinutes: 60 },
      ],
      [
        { slug: 'manicure', rubles: 2300, durationMinutes: 90 },
        { slug: 'pedicure', rubles: 3000, durationMinutes: 90, name: 'Педикюр с покрытием' },
        { slug: 'gel-polish', rubles: 1700, durationMinutes: 60, description: 'Снятие старого покрытия включено.' },
      ],
    ],
  },
  {
    kind: 'hair',
    displayKind: 'стрижки и окрашивание',
    displayKindEn: 'hair',
    about: [
      'Женские стрижки, сложное окрашивание и уход. Подберу форму под ваш тип волос.',
      'Стрижки для всей семьи и окрашивание без желтизны. Работаю на профессиональной косметике.',
    ],
    aboutEn: 'Cuts and colour for long and short hair; I use professional products and explain how to style at home.',
    services: [
      [
        { slug: 'womens-haircut', rubles: 2800, durationMinutes: 60 },
        {
          slug: 'hair-coloring',
          rubles: 6500,
          durationMinutes: 150,
          name: 'Окрашивание в один тон',
          description: 'Цена для волос до плеч.',
        },
        { slug: 'hair-coloring', rubles: 9500, durationMinutes: 210, name: 'Сложное окрашивание', description: 'Балаяж, шатуш, airtouch.' },
      ],
      [
        { slug: 'womens-haircut', rubles: 2400, durationMinutes: 60 },
        { slug: 'mens-haircut', rubles: 1500, durationMinutes: 45 },
      ],
    ],
  },
  {
    kind: 'barber',
    displayKind: 'барбер',
    displayKindEn: 'barber',
    about: ['Мужские стрижки, фейд, оформление бороды. Кофе, пока ждёте, за счёт заведения.'],
    aboutEn: "Men's cuts, fades and beard trims. Coffee is on the house.",
    services: [
      [
        { slug: 'mens-haircut', rubles: 1700, durationMinutes: 45, name: 'Мужская стрижка' },
        { slug: 'mens-haircut', rubles: 2400, durationMinutes: 60, name: 'Стрижка и борода' },
      ],
    ],
  },
  {
    kind: 'brows',
    displayKind: 'брови и ресницы',
    displayKindEn: 'brows & lashes',
    about: ['Архитектура и ламинирование бровей, классическое и 2D наращивание ресниц. Гипоаллергенные материалы.'],
    aboutEn: 'Brow shaping and lamination, classic and volume lash extensions with hypoallergenic materials.',
    services: [
      [
        { slug: 'brow-shaping', rubles: 1300, durationMinutes: 45 },
        { slug: 'lash-extensions', rubles: 3200, durationMinutes: 120, name: 'Наращивание ресниц 2D' },
      ],
    ],
  },
  {
    kind: 'massage',
    displayKind: 'массаж',
    displayKindEn: 'massage',
    about: ['Классический и спортивный массаж, работа со спиной и шеей. Медицинское образование.'],
    aboutEn: 'Classic and sports massage, back and neck work. Medical training.',
    services: [
      [
        { slug: 'classic-massage', rubles: 3500, durationMinutes: 60, name: 'Массаж всего тела' },
        { slug: 'classic-massage', rubles: 2000, durationMinutes: 30, name: 'Массаж спины и шеи' },
      ],
    ],
  },
  {
    kind: 'tutor',
    displayKind: 'репетитор',
    displayKindEn: 'tutor',
    about: ['Математика и английский для школьников, подготовка к экзаменам. Очно и онлайн.'],
    aboutEn: 'Maths and English for school students, exam preparation, in person and online.',
    services: [
      [
        { slug: 'math-tutoring', rubles: 1800, durationMinutes: 60 },
        { slug: 'english-tutoring', rubles: 2000, durationMinutes: 60 },
      ],
    ],
  },
];

/** Which specialties work in every city, and how many masters of each. */
const crowd: [kind: string, count: number][] = [
  ['nails', 3],
  ['hair', 2],
  ['barber', 1],
  ['brows', 2],
  ['massage', 2],
  ['tutor', 1],
];

const women = ['Екатерина', 'Мария', 'Дарья', 'Полина', 'Виктория', 'Анастасия', 'Ксения', 'Алина', 'Софья', 'Юлия', 'Вера', 'Надежда'];
const men = ['Иван', 'Артём', 'Максим', 'Никита', 'Павел', 'Роман', 'Глеб', 'Тимур'];
const surnames = ['Соколова', 'Морозова', 'Волкова', 'Лебедева', 'Козлова', 'Новикова', 'Павлова', 'Фёдорова', 'Никитина', 'Зайцева'];
const maleSurnames = ['Соколов', 'Морозов', 'Волков', 'Лебедев', 'Козлов', 'Новиков', 'Павлов', 'Фёдоров'];
const englishNames = ['Ana', 'Milica', 'Elena', 'Sofia', 'Nikola', 'Stefan', 'Maria', 'Andreas'];

const schedules: DemoMaster['schedule'][] = [
  { 1: [[h(10), h(19)]], 2: [[h(10), h(19)]], 3: [[h(10), h(19)]], 4: [[h(10), h(19)]], 5: [[h(10), h(19)]] },
  { 2: [[h(11), h(20)]], 3: [[h(11), h(20)]], 4: [[h(11), h(20)]], 5: [[h(11), h(20)]], 6: [[h(11), h(18)]] },
  {
    1: [
      [h(9), h(13)],
      [h(14), h(18)],
    ],
    3: [
      [h(9), h(13)],
      [h(14), h(18)],
    ],
    5: [
      [h(9), h(13)],
      [h(14), h(18)],
    ],
    6: [[h(10), h(16)]],
    7: [[h(10), h(16)]],
  },
];

export function generatedMasters(): DemoMaster[] {
  const masters: DemoMaster[] = [];
  let serial = 0;
  for (const [cityIndex, city] of cities.entries()) {
    for (const [kind, count] of crowd) {
      const specialty = specialties.find((candidate) => candidate.kind === kind)!;
      for (let n = 0; n < count; n += 1) {
        serial += 1;
        const male = kind === 'barber' || (kind === 'massage' && n === 1);
        const firstName = city.english
          ? englishNames[(serial + n) % englishNames.length]!
          : male
            ? men[serial % men.length]!
            : women[serial % women.length]!;
        const lastName = male ? maleSurnames[serial % maleSurnames.length]! : surnames[serial % surnames.length]!;
        const visibleArea = serial % 3 === 0;
        const services = specialty.services[n % specialty.services.length]!;
        masters.push({
          telegramId: 700_001_000 + serial,
          firstName,
          lastName,
          username: `zapis_demo_${serial}`,
          languageCode: city.english ? 'en' : 'ru',
          displayName: `${firstName} — ${city.english ? specialty.displayKindEn : specialty.displayKind}`,
          about: city.english ? specialty.aboutEn : specialty.about[n % specialty.about.length]!,
          phone: `+7999${String(1_000_000 + serial).slice(-7)}`,
          city: city.slug,
          address: `${city.streets[serial % city.streets.length]}, ${10 + ((serial * 7) % 80)}`,
          ...(visibleArea ? { addressVisibility: 'AREA' as const, area: city.areas[serial % city.areas.length] } : {}),
          telegramContactAllowed: serial % 2 === 0,
          schedule: schedules[(cityIndex + n) % schedules.length]!,
          slots: { stepMinutes: serial % 2 === 0 ? 30 : 60, bufferMinutes: 10, minNoticeMinutes: 120, horizonDays: 30 },
          services: services.map((service) => ({
            slug: service.slug,
            name: city.english ? undefined : service.name,
            description: city.english ? undefined : service.description,
            price: city.price(service.rubles * (1 + ((serial % 4) - 1.5) / 20)),
            durationMinutes: service.durationMinutes,
          })),
        });
      }
    }
  }
  return masters;
}
