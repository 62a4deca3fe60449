/**
 * The application's Prometheus metrics: ONE process-wide set, served at `GET /metrics`.
 *
 * Design (why a singleton): the API, the bot and the notification worker run in one process
 * and must count into the same registry, and the services that count (bookings, masters,
 * clients, notifications) should not have to carry a metrics object through every call. So
 * this module owns a dedicated prom-client `Registry` (not prom-client's global default one)
 * and every app built by `createApp` serves it. Import and count:
 *
 * ```ts
 * import { metrics } from '../monitoring/metrics.js';
 * metrics.notificationSends.inc({ kind: 'reminder_24h', outcome: 'sent' });
 * // or, typed: countNotificationSend('reminder_24h', 'sent');
 * ```
 *
 * Tests: vitest gives each test file its own module graph, so files never share numbers;
 * within a file, read the value before and after (`counterValue` or the `/metrics` text)
 * and assert the delta. `createMetrics()` builds an independent set for unit tests that want
 * one of their own.
 *
 * Labels carry codes only (stage, source, kind, outcome): never ids, names, phone numbers or
 * anything a user typed. The names and labels are listed in the README ("Metrics and events").
 */
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/** Who made or cancelled a booking: the client in the mini-app, or the master (manual booking / calendar). */
export type BookingSource = 'client' | 'master';

/** Who cancelled a booking: its client, its master, or the system (released, not confirmed in time). */
export type BookingCanceller = BookingSource | 'system';

/**
 * Why time became bookable again: a cancellation, a release, a move (the old time), a day off
 * removed, a time block removed, a waitlist hold that ended without a booking (expired or
 * withdrawn), the master's schedule or slot settings changed (their whole horizon).
 */
export type FreedTimeCause = 'cancelled' | 'released' | 'moved' | 'day_off_removed' | 'unblocked' | 'hold_ended' | 'schedule_changed';

/**
 * What happened to waitlist offers: `made` (a freed time held for a waiting client and offered),
 * `claimed` (booked through the offer), `expired` (not taken in time, passed on), `withdrawn`
 * (ended otherwise: the client left, booked elsewhere or joined again, or the day became a day off).
 */
export type WaitlistOfferEvent = 'made' | 'claimed' | 'expired' | 'withdrawn';

/** Whether `upsertClient` created a client profile or refreshed an existing one. */
export type ClientUpsertResult = 'created' | 'refreshed';

/**
 * The outcome of one attempt to send a notification:
 * `sent` delivered; `retry` failed and will be tried again; `failed` failed for good (retries
 * exhausted or a permanent error such as a blocked bot); `skipped` not sent on purpose
 * (booking cancelled or moved, channel not allowed, bot off).
 */
export type NotificationOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

/** What the job queue (pg-boss) holds for one queue at the moment of a scrape. */
export interface JobQueueCounts {
  queue: string;
  /** Waiting to run now: created or retrying, and due. */
  queued: number;
  /** Created for later (reminders, hold expiries): not due yet. */
  scheduled: number;
  active: number;
  /** Failed for good (retries spent), until pg-boss archives them (12 h by default). */
  failed: number;
  /** How long the oldest due job has waited; 0 when none waits. */
  oldestQueuedSeconds: number;
}

/** The job queue states `zapis_job_queue_jobs` reports, one series each per queue. */
export const JOB_QUEUE_STATES = ['queued', 'scheduled', 'active', 'failed'] as const;

/** What the readiness check found (health.route.ts); a dependency not asked (draining) is absent. */
export interface ReadinessReport {
  status: 'ready' | 'unavailable' | 'draining';
  database?: 'ok' | 'unreachable';
  jobQueue?: 'ok' | 'unreachable' | 'off';
}

/**
 * A source that gauges read at scrape time: read at most once a second, so that the gauges of
 * one scrape share one read; a read that fails answers `fallback` (the gauges then have no
 * value; the readiness alert reports an unreachable database).
 */
function oncePerScrape<T>(fallback: T) {
  let source: (() => Promise<T>) | undefined;
  let last: { at: number; value: Promise<T> } | undefined;
  return {
    observe(read: () => Promise<T>) {
      source = read;
      last = undefined;
    },
    read(): Promise<T> {
      if (!source) return Promise.resolve(fallback);
      if (!last || Date.now() - last.at > 1_000) last = { at: Date.now(), value: source().catch(() => fallback) };
      return last.value;
    },
  };
}

export function createMetrics({ defaultMetrics = false }: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (defaultMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  // Each source is read once per scrape, however many gauges answer from it.
  const jobQueue = oncePerScrape<JobQueueCounts[]>([]);
  const readiness = oncePerScrape<ReadinessReport | undefined>(undefined);

  return {
    registry,
    /** The first onboarding save of a user, which creates the master's draft profile. */
    masterRegistrationsStarted: new Counter({
      name: 'zapis_master_registrations_started_total',
      help: 'Master registrations started: first onboarding save creating a draft profile.',
      registers,
    }),
    /** A draft master profile became complete (all onboarding steps done). */
    masterRegistrationsCompleted: new Counter({
      name: 'zapis_master_registrations_completed_total',
      help: 'Master registrations completed: the draft profile became complete.',
      registers,
    }),
    /** A master profile was activated (made ACTIVE). */
    masterActivations: new Counter({
      name: 'zapis_master_activations_total',
      help: 'Master profiles activated.',
      registers,
    }),
    bookingsCreated: new Counter<'source'>({
      name: 'zapis_bookings_created_total',
      help: 'Bookings created, by who created them (client in the mini-app, or master manually).',
      labelNames: ['source'],
      registers,
    }),
    bookingsCancelled: new Counter<'source'>({
      name: 'zapis_bookings_cancelled_total',
      help: 'Bookings cancelled, by who cancelled them (client, master, or system: released unconfirmed).',
      labelNames: ['source'],
      registers,
    }),
    bookingsMoved: new Counter<'source'>({
      name: 'zapis_bookings_moved_total',
      help: 'Bookings moved to another time, by who moved them (client or master).',
      labelNames: ['source'],
      registers,
    }),
    timeFreed: new Counter<'cause'>({
      name: 'zapis_booking_time_freed_total',
      help: "Stretches of a master's time that became bookable again, by cause.",
      labelNames: ['cause'],
      registers,
    }),
    waitlistOffers: new Counter<'event'>({
      name: 'zapis_waitlist_offers_total',
      help: 'Waitlist offers, by event (made, claimed, expired, withdrawn).',
      labelNames: ['event'],
      registers,
    }),
    clientUpserts: new Counter<'result'>({
      name: 'zapis_client_upserts_total',
      help: 'upsertClient calls, by result (created a profile, or refreshed an existing one).',
      labelNames: ['result'],
      registers,
    }),
    webappEvents: new Counter<'stage'>({
      name: 'zapis_webapp_events_total',
      help: 'WebApp stage events accepted and stored, by stage.',
      labelNames: ['stage'],
      registers,
    }),
    /** Label `kind`: the notification's code (e.g. booking_created, reminder_24h); `outcome`: NotificationOutcome. */
    notificationSends: new Counter<'kind' | 'outcome'>({
      name: 'zapis_notification_sends_total',
      help: 'Notification send attempts, by kind and outcome (sent, retry, failed, skipped).',
      labelNames: ['kind', 'outcome'],
      registers,
    }),
    jobQueueJobs: new Gauge<'queue' | 'state'>({
      name: 'zapis_job_queue_jobs',
      help: 'Jobs in the job queue now, by queue and state (queued: due and waiting; scheduled: for later; active; failed: retries spent, until archived).',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const counts of await jobQueue.read()) {
          for (const state of JOB_QUEUE_STATES) this.set({ queue: counts.queue, state }, counts[state]);
        }
      },
    }),
    jobQueueOldestQueued: new Gauge<'queue'>({
      name: 'zapis_job_queue_oldest_queued_seconds',
      help: 'How long the oldest due job of each queue has waited, in seconds (0 when none waits).',
      labelNames: ['queue'],
      registers,
      async collect() {
        this.reset();
        for (const counts of await jobQueue.read()) this.set({ queue: counts.queue }, counts.oldestQueuedSeconds);
      },
    }),
    /** Every attempt counts: a job retried three times and failed each time counts 3 (4 with the first run). */
    jobFailures: new Counter<'queue'>({
      name: 'zapis_job_failures_total',
      help: 'Job attempts that failed (the handler threw), by queue; pg-boss retries them while retries last.',
      labelNames: ['queue'],
      registers,
    }),
    ready: new Gauge({
      name: 'zapis_ready',
      help: 'Whether this instance can serve, as GET /ready answers: 1 ready, 0 unavailable or draining.',
      registers,
      async collect() {
        const report = await readiness.read();
        if (report) this.set(report.status === 'ready' ? 1 : 0);
      },
    }),
    dependencyUp: new Gauge<'dependency'>({
      name: 'zapis_dependency_up',
      help: 'Whether a dependency answered the readiness check: 1 yes, 0 no (database, job_queue).',
      labelNames: ['dependency'],
      registers,
      async collect() {
        this.reset();
        const report = await readiness.read();
        if (report?.database) this.set({ dependency: 'database' }, report.database === 'ok' ? 1 : 0);
        if (report?.jobQueue && report.jobQueue !== 'off') this.set({ dependency: 'job_queue' }, report.jobQueue === 'ok' ? 1 : 0);
      },
    }),
    /** Where the queue gauges read from at each scrape (the server sets it once its job queue runs). */
    observeJobQueue: jobQueue.observe,
    /** Where `zapis_ready` and `zapis_dependency_up` read from (the health routes set it). */
    observeReadiness: readiness.observe,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The process-wide metrics that services count into and `/metrics` serves. */
export const metrics: Metrics = createMetrics({ defaultMetrics: true });

export function countBookingCreated(source: BookingSource): void {
  metrics.bookingsCreated.inc({ source });
}

export function countBookingCancelled(source: BookingCanceller): void {
  metrics.bookingsCancelled.inc({ source });
}

export function countBookingMoved(source: BookingSource): void {
  metrics.bookingsMoved.inc({ source });
}

export function countTimeFreed(cause: FreedTimeCause): void {
  metrics.timeFreed.inc({ cause });
}

export function countWaitlistOffer(event: WaitlistOfferEvent, by = 1): void {
  if (by > 0) metrics.waitlistOffers.inc({ event }, by);
}

export function countClientUpsert(result: ClientUpsertResult): void {
  metrics.clientUpserts.inc({ result });
}

/** One notification send attempt; `kind` is a fixed code such as `booking_created` or `reminder_2h`. */
export function countNotificationSend(kind: string, outcome: NotificationOutcome): void {
  metrics.notificationSends.inc({ kind, outcome });
}

/** Wraps a job handler so that each attempt that throws counts in `zapis_job_failures_total`; the error goes on to pg-boss. */
export function countingFailures<A extends unknown[], R>(queue: string, handler: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      metrics.jobFailures.inc({ queue });
      throw error;
    }
  };
}

/** The current value of a counter (optionally of one label set); for tests and diagnostics. */
export async function counterValue<T extends string>(counter: Counter<T>, labels: Partial<Record<T, string>> = {}): Promise<number> {
  const { values } = await counter.get();
  return values
    .filter((value) => Object.entries(labels).every(([name, wanted]) => String((value.labels as Record<string, unknown>)[name]) === wanted))
    .reduce((sum, value) => sum + value.value, 0);
}
