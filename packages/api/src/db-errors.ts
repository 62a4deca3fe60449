/**
 * Recognising PostgreSQL errors behind Prisma. Through the pg driver adapter, errors that
 * Prisma has no code of its own for (an exclusion or CHECK violation) reach us as the
 * adapter's `DriverAdapterError`, its `cause` carrying `{ kind: 'postgres', originalCode }`;
 * raw queries wrap that same error in a P2010 request error as `meta.driverAdapterError`.
 */

const EXCLUSION_VIOLATION = '23P01';

interface PostgresCause {
  kind: 'postgres';
  originalCode?: string;
}

function isPostgresCause(value: unknown): value is PostgresCause {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'postgres';
}

/** The SQLSTATE of a PostgreSQL error raised through Prisma, if that is what `error` is. */
export function postgresErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, cause, meta } = error as { name?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if (name === 'DriverAdapterError' && isPostgresCause(cause)) return cause.originalCode;
  if (meta?.driverAdapterError) return postgresErrorCode(meta.driverAdapterError);
  return undefined;
}

/**
 * An exclusion constraint refused the row: for bookings, `bookings_no_overlap` — another
 * booking of the same master that is not cancelled holds an overlapping time.
 */
export function isExclusionViolation(error: unknown): boolean {
  return postgresErrorCode(error) === EXCLUSION_VIOLATION;
}

const SERIALIZATION_FAILURE = '40001';
const DEADLOCK_DETECTED = '40P01';

/** Prisma's code for a transaction PostgreSQL aborted as a deadlock or serialization failure. */
const PRISMA_WRITE_CONFLICT = 'P2034';

function isWriteConflictCause(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'TransactionWriteConflict';
}

/**
 * PostgreSQL aborted the transaction as a deadlock (40P01) or a serialization failure (40001):
 * nothing it did was kept, and running it again is the remedy. The adapter reports both as a
 * `TransactionWriteConflict`: P2034 from model queries, inside P2010 from raw ones.
 */
export function isRetryableTransactionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, name, cause, meta } = error as { code?: unknown; name?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if (code === PRISMA_WRITE_CONFLICT) return true;
  if (name === 'DriverAdapterError' && isWriteConflictCause(cause)) return true;
  if (meta?.driverAdapterError && isRetryableTransactionError(meta.driverAdapterError)) return true;
  const sqlState = postgresErrorCode(error);
  return sqlState === SERIALIZATION_FAILURE || sqlState === DEADLOCK_DETECTED;
}
