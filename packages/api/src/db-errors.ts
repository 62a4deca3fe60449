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
function postgresErrorCode(error: unknown): string | undefined {
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
