import { badInput } from '../../errors.js';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { retryingTransaction } from '../../transactions.js';
import { MAX_OWN_SERVICES, type OwnServiceInput, type ServicesInput } from './master.validation.js';
import { markStep } from './onboarding-steps.js';

/**
 * A master's own services: each under a catalogue service (how clients find it), with the
 * master's name and description for it, a duration and a price in the city's currency. A master
 * may offer several under one catalogue service ("Маникюр с покрытием", "Маникюр без
 * покрытия"); then each needs its own name. Removed services are archived, never deleted:
 * bookings keep pointing at them.
 */

type Tx = Prisma.TransactionClient;

/** The currency the master's prices are in: their city's. The city comes first (the location step). */
async function masterCurrency(tx: Tx, masterId: string, path: string): Promise<string> {
  const master = await tx.master.findUniqueOrThrow({ where: { id: masterId }, select: { city: { select: { currency: true } } } });
  if (!master.city) throw badInput(path, 'Choose your city first: prices are in its currency.', { reason: 'CITY_REQUIRED' });
  return master.city.currency;
}

/** The index of the first catalogue service that is not in the catalogue, or -1. */
async function unknownCatalogueService(tx: Tx, serviceIds: string[]): Promise<number> {
  const known = await tx.service.findMany({ where: { id: { in: serviceIds }, isActive: true }, select: { id: true } });
  const knownIds = new Set(known.map((service) => service.id));
  return serviceIds.findIndex((id) => !knownIds.has(id));
}

/** The services step is complete while the master offers at least one service. */
async function markServicesStep(tx: Tx, masterId: string) {
  const offered = await tx.masterService.count({ where: { masterId, isActive: true, archivedAt: null } });
  await markStep(tx, masterId, 'SERVICES', offered > 0);
}

const sameName = (a: { serviceId: string; name: string | null }, b: { serviceId: string; name: string | null }) =>
  a.serviceId === b.serviceId && (a.name ?? '').toLocaleLowerCase() === (b.name ?? '').toLocaleLowerCase();

/**
 * The master's whole list of services, in order (the services step, and settings): entries with
 * an id edit those services, the others are added, and the master's services left out are
 * archived.
 */
export async function saveServices(tx: Tx, masterId: string, input: ServicesInput) {
  const offered = input.services;
  const unknown = await unknownCatalogueService(
    tx,
    offered.map((service) => service.serviceId),
  );
  if (unknown >= 0) throw badInput(`input.services.services.${unknown}.serviceId`, 'No such service in the catalogue.');
  const current = await tx.masterService.findMany({ where: { masterId, archivedAt: null }, select: { id: true } });
  const currentIds = new Set(current.map((service) => service.id));
  const foreign = offered.findIndex((service) => service.id && !currentIds.has(service.id));
  if (foreign >= 0) throw badInput(`input.services.services.${foreign}.id`, 'No such service of yours.');
  const currency = await masterCurrency(tx, masterId, 'input.services');

  const kept: string[] = [];
  for (const [position, { id, ...service }] of offered.entries()) {
    const data = { ...service, currency, position, isActive: true };
    if (id) {
      await tx.masterService.update({ where: { id }, data });
      kept.push(id);
    } else {
      kept.push((await tx.masterService.create({ data: { masterId, ...data }, select: { id: true } })).id);
    }
  }
  await tx.masterService.updateMany({
    where: { masterId, archivedAt: null, id: { notIn: kept } },
    data: { isActive: false, archivedAt: new Date() },
  });
  await markServicesStep(tx, masterId);
}

/** The master's service `id`, not archived; another master's answers as one that does not exist. */
async function ownService(tx: Tx, masterId: string, id: string) {
  const service = await tx.masterService.findFirst({ where: { id, archivedAt: null } });
  if (!service || service.masterId !== masterId) throw badInput('input.id', 'No such service.');
  return service;
}

/** Another service of the master's under the same catalogue service and name, if any. */
async function nameTaken(tx: Tx, masterId: string, candidate: { id?: string; serviceId: string; name: string | null }) {
  const others = await tx.masterService.findMany({
    where: { masterId, archivedAt: null, serviceId: candidate.serviceId, ...(candidate.id ? { id: { not: candidate.id } } : {}) },
    select: { serviceId: true, name: true },
  });
  return others.some((other) => sameName(other, candidate));
}

const nameTakenError = () => badInput('input.name', 'Several services of one kind need names of their own.', { reason: 'NAME_TAKEN' });

const touch = (tx: Tx, masterId: string) => tx.master.update({ where: { id: masterId }, data: { lastActivityAt: new Date() } });

/** Adds one service at the end of the master's list. Returns its id. */
export async function createMasterService(prisma: PrismaClient, masterId: string, input: OwnServiceInput): Promise<string> {
  return retryingTransaction(prisma, async (tx) => {
    await touch(tx, masterId);
    if ((await unknownCatalogueService(tx, [input.serviceId])) >= 0) throw badInput('input.serviceId', 'No such service in the catalogue.');
    const currency = await masterCurrency(tx, masterId, 'input');
    const count = await tx.masterService.count({ where: { masterId, archivedAt: null } });
    if (count >= MAX_OWN_SERVICES) throw badInput('input', `At most ${MAX_OWN_SERVICES} services.`, { reason: 'TOO_MANY_SERVICES' });
    if (await nameTaken(tx, masterId, input)) throw nameTakenError();
    const last = await tx.masterService.aggregate({ where: { masterId, archivedAt: null }, _max: { position: true } });
    const { id } = await tx.masterService.create({
      data: { masterId, ...input, currency, position: (last._max.position ?? -1) + 1 },
      select: { id: true },
    });
    await markServicesStep(tx, masterId);
    return id;
  });
}

/** Edits one of the master's services: what is given changes, the rest stays; `isActive` switches it off and on. */
export async function updateMasterService(
  prisma: PrismaClient,
  masterId: string,
  id: string,
  input: Partial<OwnServiceInput> & { isActive?: boolean | null },
): Promise<void> {
  await retryingTransaction(prisma, async (tx) => {
    await touch(tx, masterId);
    const service = await ownService(tx, masterId, id);
    if (input.serviceId && (await unknownCatalogueService(tx, [input.serviceId])) >= 0) {
      throw badInput('input.serviceId', 'No such service in the catalogue.');
    }
    const next = {
      id,
      serviceId: input.serviceId ?? service.serviceId,
      name: input.name !== undefined ? input.name : service.name,
    };
    if (await nameTaken(tx, masterId, next)) throw nameTakenError();
    await tx.masterService.update({
      where: { id },
      data: {
        serviceId: next.serviceId,
        name: next.name,
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.priceMinor != null ? { priceMinor: input.priceMinor } : {}),
        ...(input.durationMinutes != null ? { durationMinutes: input.durationMinutes } : {}),
        ...(input.isActive != null ? { isActive: input.isActive } : {}),
      },
    });
    await markServicesStep(tx, masterId);
  });
}

/** Takes a service off the master's list for good; its bookings keep it. */
export async function archiveMasterService(prisma: PrismaClient, masterId: string, id: string): Promise<void> {
  await retryingTransaction(prisma, async (tx) => {
    await touch(tx, masterId);
    await ownService(tx, masterId, id);
    await tx.masterService.update({ where: { id }, data: { isActive: false, archivedAt: new Date() } });
    await markServicesStep(tx, masterId);
  });
}
