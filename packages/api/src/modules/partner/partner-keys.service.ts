import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';

/**
 * Partner API keys: `zpk_<8 characters>_<43 characters>`. The first part (`zpk_…`, the
 * prefix) is visible: operators and the audit trail name a key by it. The whole key is shown
 * once, when created, and only its SHA-256 is stored: the key is 256 random bits, so a fast
 * hash is as safe as a slow one and lets every request be checked in one indexed lookup.
 *
 * A key found in force is then verified from memory for up to a minute (its scope and expiry
 * never change; the presented key's hash is still compared every time), so a partner's request
 * does not pay a lookup. Revocation is a write another instance (or the CLI) makes: every
 * statement that gives data to a partner checks the key is still in force (`keyInForceSql`), so
 * a revoked key gets nothing from the moment it is revoked, here or anywhere; other fields stop
 * accepting it at the next lookup, within the minute.
 */

const KEY_PATTERN = /^(zpk_[A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
/** last_used_at is moved at most this often, not written on every request. */
const LAST_USED_PRECISION_MS = 60_000;
/** How long a key found in force is verified from memory before it is looked up again. */
const VERIFIED_KEY_TTL_MS = LAST_USED_PRECISION_MS;
/** Keys held in memory at most (the oldest go first). */
const VERIFIED_KEYS_MAX = 1_000;
export const KEY_REFUSED = 'Unknown, revoked or expired partner key.';
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
  forgetPartnerKey(prefix);
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
  const prefix = match[1];
  const verified = verifiedKeys.get(prefix);
  const fresh = verified !== undefined && now.getTime() - verified.verifiedAt < VERIFIED_KEY_TTL_MS;
  const row = fresh ? verified.row : await prisma.partnerApiKey.findUnique({ where: { prefix }, select: KEY_COLUMNS });
  const presentedHash = hashOf(presented);
  if (!row || row.keyHash.length !== presentedHash.length || !timingSafeEqual(row.keyHash, presentedHash)) {
    throw new PartnerKeyError('unknown');
  }
  if (row.revokedAt && row.revokedAt <= now) throw new PartnerKeyError('revoked');
  if (row.expiresAt <= now) throw new PartnerKeyError('expired');
  if (!fresh) {
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
      await prisma.partnerApiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
    }
    rememberPartnerKey(prefix, { row, verifiedAt: now.getTime() });
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

const KEY_COLUMNS = {
  id: true,
  partnerId: true,
  prefix: true,
  keyHash: true,
  cityIds: true,
  serviceIds: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
} as const;

interface VerifiedKey {
  row: Prisma.PartnerApiKeyGetPayload<{ select: typeof KEY_COLUMNS }>;
  verifiedAt: number;
}

/** Keys found in force, by prefix, oldest first. */
const verifiedKeys = new Map<string, VerifiedKey>();

function rememberPartnerKey(prefix: string, verified: VerifiedKey) {
  verifiedKeys.delete(prefix);
  if (verifiedKeys.size >= VERIFIED_KEYS_MAX) verifiedKeys.delete(verifiedKeys.keys().next().value as string);
  verifiedKeys.set(prefix, verified);
}

/** The key is looked up again at its next use (it was revoked, or found no longer in force). */
export function forgetPartnerKey(prefix: string) {
  verifiedKeys.delete(prefix);
}

/** SQL that is true while the key is in force: a statement giving data to a partner carries it. */
export function keyInForceSql(keyId: string, now: Date): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM partner_api_keys k
    WHERE k.id = ${keyId}::uuid AND (k.revoked_at IS NULL OR k.revoked_at > ${now}) AND k.expires_at > ${now})`;
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
