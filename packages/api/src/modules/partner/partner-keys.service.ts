import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client.js';

/**
 * Partner API keys: `zpk_<8 characters>_<43 characters>`. The first part (`zpk_…`, the
 * prefix) is visible: operators and the audit trail name a key by it. The whole key is shown
 * once, when created, and only its SHA-256 is stored: the key is 256 random bits, so a fast
 * hash is as safe as a slow one and lets every request be checked in one indexed lookup.
 */

const KEY_PATTERN = /^(zpk_[A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
/** last_used_at is moved at most this often, not written on every request. */
const LAST_USED_PRECISION_MS = 60_000;
const PREFIX_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** The caller of partner fields, as a verified key says. */
export interface PartnerViewer {
  kind: 'partner';
  partnerId: string;
  keyId: string;
  keyPrefix: string;
  /** Database ids the key was granted. */
  cityIds: readonly string[];
  serviceIds: readonly string[];
  /** The partner's pseudonym secret: member ids and cursors are derived from it. */
  pseudonymKey: Uint8Array;
}

export interface NewPartnerKey {
  partnerName: string;
  cityIds: string[];
  serviceIds: string[];
  expiresAt: Date;
}

export interface CreatedPartnerKey {
  partnerId: string;
  keyId: string;
  prefix: string;
  /** Shown once; never stored. */
  key: string;
  expiresAt: Date;
}

function hashOf(key: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash('sha256').update(key, 'utf8').digest());
}

function randomPrefix(): string {
  const bytes = randomBytes(8);
  return `zpk_${Array.from(bytes, (byte) => PREFIX_ALPHABET[byte % PREFIX_ALPHABET.length]).join('')}`;
}

/** Creates a key for the partner of that name (and the partner, the first time). */
export async function createPartnerKey(prisma: PrismaClient, request: NewPartnerKey): Promise<CreatedPartnerKey> {
  const prefix = randomPrefix();
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  const partner = await prisma.partner.upsert({
    where: { name: request.partnerName },
    create: { name: request.partnerName, pseudonymKey: new Uint8Array(randomBytes(32)) },
    update: {},
    select: { id: true },
  });
  const created = await prisma.partnerApiKey.create({
    data: {
      partnerId: partner.id,
      prefix,
      keyHash: hashOf(key),
      cityIds: [...new Set(request.cityIds)],
      serviceIds: [...new Set(request.serviceIds)],
      expiresAt: request.expiresAt,
    },
    select: { id: true },
  });
  return { partnerId: partner.id, keyId: created.id, prefix, key, expiresAt: request.expiresAt };
}

/** Revokes a key by its prefix (or the whole key); false when there is no such key. */
export async function revokePartnerKey(prisma: PrismaClient, prefixOrKey: string, now = new Date()): Promise<boolean> {
  const prefix = KEY_PATTERN.exec(prefixOrKey)?.[1] ?? prefixOrKey;
  const revoked = await prisma.partnerApiKey.updateMany({
    where: { prefix, revokedAt: null },
    data: { revokedAt: now },
  });
  if (revoked.count > 0) return true;
  return (await prisma.partnerApiKey.count({ where: { prefix } })) > 0;
}

export type PartnerKeyRejection = 'malformed' | 'unknown' | 'revoked' | 'expired';

export class PartnerKeyError extends Error {
  constructor(readonly reason: PartnerKeyRejection) {
    super(`Partner key ${reason}.`);
  }
}

/**
 * The partner behind a presented key. Unknown, revoked and expired keys are refused alike
 * to the caller (the reason is for logs only). The stored hash is compared in constant time.
 */
export async function authenticatePartnerKey(prisma: PrismaClient, presented: string, now = new Date()): Promise<PartnerViewer> {
  const match = KEY_PATTERN.exec(presented);
  if (!match?.[1]) throw new PartnerKeyError('malformed');
  const row = await prisma.partnerApiKey.findUnique({
    where: { prefix: match[1] },
    select: {
      id: true,
      partnerId: true,
      prefix: true,
      keyHash: true,
      cityIds: true,
      serviceIds: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
    },
  });
  const presentedHash = hashOf(presented);
  if (!row || row.keyHash.length !== presentedHash.length || !timingSafeEqual(row.keyHash, presentedHash)) {
    throw new PartnerKeyError('unknown');
  }
  if (row.revokedAt && row.revokedAt <= now) throw new PartnerKeyError('revoked');
  if (row.expiresAt <= now) throw new PartnerKeyError('expired');
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await prisma.partnerApiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return {
    kind: 'partner',
    partnerId: row.partnerId,
    keyId: row.id,
    keyPrefix: row.prefix,
    cityIds: row.cityIds,
    serviceIds: row.serviceIds,
    pseudonymKey: await pseudonymKeyOf(prisma, row.partnerId),
  };
}

/** Partners' pseudonym secrets never change: each is read once per process. */
const pseudonymKeys = new Map<string, Uint8Array>();

async function pseudonymKeyOf(prisma: PrismaClient, partnerId: string): Promise<Uint8Array> {
  let key = pseudonymKeys.get(partnerId);
  if (!key) {
    key = (await prisma.partner.findUniqueOrThrow({ where: { id: partnerId }, select: { pseudonymKey: true } })).pseudonymKey;
    pseudonymKeys.set(partnerId, key);
  }
  return key;
}
