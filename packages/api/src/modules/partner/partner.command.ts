import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CliError, type Command, openDatabaseForCli } from '../../cli.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { createPartnerKey, revokePartnerKey } from './partner-keys.service.js';

/**
 * Operators manage partner keys and read the audit trail:
 *   npm run partner:create -- --name "Beauty Shop" --cities moscow,kazan --services manicure [--expires 2027-12-31 | 90d]
 *   npm run partner:revoke -- zpk_AbCd1234
 *   npm run partner:list
 *   npm run partner:audit -- --partner "Beauty Shop" [--limit 50]
 * Exit codes: 0 done, 1 failed, 2 bad arguments.
 */

const USAGE = `Usage:
  npm run partner:create -- --name NAME --cities SLUG,… --services SLUG,… [--expires YYYY-MM-DD|Nd]
      creates a key (and the partner, the first time) and prints it once; cities and services are
      catalogue slugs or ids; expires in 365 days unless told
  npm run partner:revoke -- PREFIX      revokes a key by its prefix (zpk_…) or the whole key
  npm run partner:list                  partners and their keys, without secrets
  npm run partner:audit -- --partner NAME [--limit N]   the partner's latest segment pulls
Uses DATABASE_URL; without it, the embedded database (that of the running server, or started for the command).`;

type Print = (text: string) => void;

const DEFAULT_KEY_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
}

function listOf(value: unknown, name: string): string[] {
  const items =
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : [];
  if (items.length === 0) throw new CliError(`--${name} needs at least one slug or id\n${USAGE}`, 2);
  return items;
}

/** When a new key expires: a date (the end of that day, UTC) or a number of days from now. */
function expiryOf(value: string | undefined, now: Date): Date {
  if (value === undefined) return new Date(now.getTime() + DEFAULT_KEY_DAYS * DAY_MS);
  const days = /^([1-9]\d{0,4})d$/.exec(value);
  if (days) return new Date(now.getTime() + Number(days[1]) * DAY_MS);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new CliError(`--expires must be a date (YYYY-MM-DD) or a number of days (90d), not "${value}"`, 2);
  }
  if (date <= now) throw new CliError(`--expires ${value} is in the past`, 2);
  return date;
}

/** Catalogue rows by slug or id; every one must exist. */
async function catalogueIds(
  lookup: (where: { slug: { in: string[] } } | { id: { in: string[] } }) => Promise<{ id: string; slug: string }[]>,
  wanted: string[],
  what: string,
): Promise<string[]> {
  const ids = wanted.filter((item) => UUID.test(item));
  const slugs = wanted.filter((item) => !UUID.test(item));
  const rows = [...(await lookup({ id: { in: ids } })), ...(await lookup({ slug: { in: slugs } }))];
  const missing = wanted.filter((item) => !rows.some((row) => row.id === item || row.slug === item));
  if (missing.length > 0) throw new CliError(`Unknown ${what}: ${missing.join(', ')}`, 2);
  return rows.map((row) => row.id);
}

async function create(prisma: PrismaClient, args: string[], print: Print) {
  const { values } = parse(args, {
    name: { type: 'string' },
    cities: { type: 'string' },
    services: { type: 'string' },
    expires: { type: 'string' },
  });
  const name = typeof values.name === 'string' ? values.name.trim() : '';
  if (!name) throw new CliError(`--name is required\n${USAGE}`, 2);
  const cities = listOf(values.cities, 'cities');
  const services = listOf(values.services, 'services');
  const expiresAt = expiryOf(values.expires as string | undefined, new Date());
  const cityIds = await catalogueIds((where) => prisma.city.findMany({ where, select: { id: true, slug: true } }), cities, 'cities');
  const serviceIds = await catalogueIds(
    (where) => prisma.service.findMany({ where, select: { id: true, slug: true } }),
    services,
    'services',
  );
  const created = await createPartnerKey(prisma, { partnerName: name, cityIds, serviceIds, expiresAt });
  print(
    [
      `Partner key for "${name}" (prefix ${created.prefix}), expires ${created.expiresAt.toISOString()}.`,
      `Cities: ${cities.join(', ')}. Services: ${services.join(', ')}.`,
      'The key is shown only now; store it in the partner’s secret store:',
      '',
      created.key,
    ].join('\n'),
  );
}

async function revoke(prisma: PrismaClient, args: string[], print: Print) {
  const { positionals } = parse(args, {});
  const [prefix] = positionals;
  if (!prefix || positionals.length !== 1) throw new CliError(`Give one key prefix (zpk_…)\n${USAGE}`, 2);
  if (!(await revokePartnerKey(prisma, prefix))) throw new CliError(`No key with prefix ${prefix}`, 1);
  print(`Key ${prefix.slice(0, 12)} is revoked: its pulls are refused from now on, anything else within a minute.`);
}

async function list(prisma: PrismaClient, print: Print) {
  const partners = await prisma.partner.findMany({
    orderBy: { name: 'asc' },
    select: {
      name: true,
      keys: {
        orderBy: { createdAt: 'asc' },
        select: { prefix: true, cityIds: true, serviceIds: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
      },
    },
  });
  if (partners.length === 0) print('No partners yet.');
  const now = new Date();
  for (const partner of partners) {
    print(partner.name);
    for (const key of partner.keys) {
      const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : key.expiresAt <= now ? 'expired' : 'in force';
      print(
        `  ${key.prefix}  ${state}, expires ${key.expiresAt.toISOString()}, ${key.cityIds.length} cities, ` +
          `${key.serviceIds.length} services, last used ${key.lastUsedAt?.toISOString() ?? 'never'}`,
      );
    }
  }
}

async function audit(prisma: PrismaClient, args: string[], print: Print) {
  const { values } = parse(args, { partner: { type: 'string' }, limit: { type: 'string' } });
  const name = typeof values.partner === 'string' ? values.partner.trim() : '';
  if (!name) throw new CliError(`--partner is required\n${USAGE}`, 2);
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new CliError('--limit must be 1–10000', 2);
  const partner = await prisma.partner.findUnique({ where: { name }, select: { id: true } });
  if (!partner) throw new CliError(`No partner named "${name}"`, 1);
  const pulls = await prisma.segmentPull.findMany({
    where: { partnerId: partner.id },
    orderBy: { pulledAt: 'desc' },
    take: limit,
  });
  if (pulls.length === 0) print(`"${name}" has made no pulls.`);
  for (const pull of pulls) {
    print(
      `${pull.pulledAt.toISOString()}  ${pull.keyPrefix}  ${pull.operation}  members ${pull.membersCount}  ` +
        `contacts ${pull.contactsCount}${pull.withheld ? '  withheld' : ''}  ${JSON.stringify(pull.filter)}`,
    );
  }
}

/** `partner.cli.ts` runs it as a process; tests call it in-process (`runCommand`). */
export const partnerCommand: Command = async ([command, ...args], { env, print }) => {
  if (!command || command === '--help' || command === '-h') {
    print(USAGE);
    return command ? 0 : 2;
  }
  if (!['create', 'revoke', 'list', 'audit'].includes(command)) throw new CliError(`Unknown command "${command}"\n${USAGE}`, 2);
  const database = await openDatabaseForCli(env);
  try {
    if (command === 'create') await create(database.prisma, args, print);
    if (command === 'revoke') await revoke(database.prisma, args, print);
    if (command === 'list') await list(database.prisma, print);
    if (command === 'audit') await audit(database.prisma, args, print);
    return 0;
  } finally {
    await database.close();
  }
};
