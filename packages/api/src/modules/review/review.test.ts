import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, graphql, telegramUser, testPrisma } from '../../../test/app.js';
import { runCommandProcess, runTestCommand } from '../../../test/commands.js';
import { createBooking, createClient, createClientBooking, createMaster } from '../../../test/factories.js';
import type { BookingStatus } from '../../generated/prisma/client.js';
import type { TelegramInitUser } from '../../telegram/init-data.js';
import { reviewCommand } from './review.command.js';
import { authorNameOf, REVIEW_REPORT_DECIDED_ACTION } from './review.service.js';

/**
 * Reviews through the real HTTP app against real PostgreSQL: every call is checked against the
 * database afterwards, and every refusal against the state before it.
 */

const app = createTestApp();
const prisma = testPrisma();
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const REVIEW_FIELDS = 'id rating text authorName createdAt reply repliedAt';
const MASTER_REVIEW_FIELDS = `${REVIEW_FIELDS} status reportedAt reportReason decidedAt booking { id }`;

const LEAVE = `mutation Leave($input: LeaveReviewInput!) { leaveReview(input: $input) { ${REVIEW_FIELDS} } }`;
const ADD_TEXT = `mutation AddText($input: AddReviewTextInput!) { addReviewText(input: $input) { ${REVIEW_FIELDS} } }`;
const REPLY = `mutation Reply($input: ReplyToReviewInput!) { replyToReview(input: $input) { ${MASTER_REVIEW_FIELDS} } }`;
const REPORT = `mutation Report($input: ReportReviewInput!) { reportReview(input: $input) { ${MASTER_REVIEW_FIELDS} } }`;
const PAGE = /* GraphQL */ `
  query Page($id: ID!, $first: Int, $after: String) {
    master(id: $id) {
      rating { average count }
      reviews(first: $first, after: $after) { edges { node { ${REVIEW_FIELDS} } } pageInfo { hasNextPage endCursor } }
    }
  }
`;
const MINE = /* GraphQL */ `
  query Mine($status: ReviewStatus) {
    masterProfile { rating { average count } reviews(status: $status) { edges { node { ${MASTER_REVIEW_FIELDS} } } } }
  }
`;
const CLIENT_BOOKINGS = `{ clientProfile { pastBookings { edges { node { id status reviewableUntil review { ${REVIEW_FIELDS} } } } } } }`;

interface Review {
  id: string;
  rating: number;
  text: string | null;
  authorName: string | null;
  createdAt: string;
  reply: string | null;
  repliedAt: string | null;
}
interface MasterReview extends Review {
  status: string;
  reportedAt: string | null;
  reportReason: string | null;
  decidedAt: string | null;
  booking: { id: string };
}
interface Page {
  master: {
    rating: { average: number | null; count: number };
    reviews: { edges: { node: Review }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  } | null;
}

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;
const reasonOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.reason;
const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;
const bookingGid = (id: string) => encodeGlobalID('Booking', id);
const reviewGid = (id: string) => encodeGlobalID('Review', id);

type Master = Awaited<ReturnType<typeof createMaster>>;

/** Visits of one master never overlap: each is an hour, two hours before the one made before it. */
let visitsMade = 0;

/** A client's hour-long visit to a master (a new one unless given) that ended `endedDaysAgo` days (and a few hours) ago. */
async function visit(options: { master?: Master; status?: BookingStatus; endedDaysAgo?: number; user?: TelegramInitUser } = {}) {
  const master = options.master ?? (await createMaster());
  const { client, user } = await createClient({ user: options.user ?? telegramUser({ first_name: 'Анна', last_name: 'смирнова' }) });
  const endsAt = new Date(Date.now() - (options.endedDaysAgo ?? 1) * DAY - visitsMade++ * 120 * MINUTE);
  const booking = await createClientBooking({
    clientId: client.id,
    masterId: master.master.id,
    startsAt: new Date(endsAt.getTime() - 60 * MINUTE),
    status: options.status ?? 'COMPLETED',
  });
  return { master, client, user, booking };
}

const leave = (user: TelegramInitUser, bookingId: string, rating: number, text?: string | null) =>
  graphql<{ leaveReview: Review }>(app, LEAVE, { as: user, variables: { input: { bookingId: bookingGid(bookingId), rating, text } } });

async function leaveOk(user: TelegramInitUser, bookingId: string, rating: number, text?: string) {
  const response = await leave(user, bookingId, rating, text);
  expect(response.errors).toBeUndefined();
  return response.data!.leaveReview;
}

const reply = (user: TelegramInitUser, reviewId: string, text: string) =>
  graphql<{ replyToReview: MasterReview }>(app, REPLY, { as: user, variables: { input: { reviewId, text } } });
const report = (user: TelegramInitUser, reviewId: string, reason: string) =>
  graphql<{ reportReview: MasterReview }>(app, REPORT, { as: user, variables: { input: { reviewId, reason } } });

async function publicPage(masterId: string, first = 50) {
  const response = await graphql<Page>(app, PAGE, { variables: { id: encodeGlobalID('Master', masterId), first } });
  expect(response.errors).toBeUndefined();
  return response.data!.master!;
}

/** Everything reviews write for one master: the reviews and the rating row. */
async function reviewState(masterId: string) {
  const [reviews, rating] = await Promise.all([
    prisma.review.findMany({ where: { masterId }, orderBy: { id: 'asc' } }),
    prisma.masterRating.findUnique({ where: { masterId } }),
  ]);
  return { reviews, rating };
}

/** The rating recomputed from the review rows. */
async function recomputedRating(masterId: string) {
  const published = await prisma.review.findMany({ where: { masterId, status: 'PUBLISHED' }, select: { rating: true } });
  const sum = published.reduce((total, review) => total + review.rating, 0);
  return { count: published.length, sum, average: published.length ? sum / published.length : null };
}

describe('authorNameOf', () => {
  it('keeps the first name and the initial of the last', () => {
    expect(authorNameOf({ firstName: 'Анна', lastName: 'смирнова' })).toBe('Анна С.');
    expect(authorNameOf({ firstName: '  Мария   Иванова ', lastName: null })).toBe('Мария И.');
    expect(authorNameOf({ firstName: 'Мария Иванова', lastName: 'Ivanova' })).toBe('Мария И.');
    expect(authorNameOf({ firstName: 'Пётр', lastName: null })).toBe('Пётр');
    expect(authorNameOf({ firstName: 'Ёлка', lastName: 'ёжикова' })).toBe('Ёлка Ё.');
    expect(authorNameOf({ firstName: null, lastName: null })).toBeNull();
    expect(authorNameOf({ firstName: '   ', lastName: null })).toBeNull();
  });
});

describe('leaveReview', () => {
  it('publishes the review of a completed visit under the first name and initial, and counts it', async () => {
    const { master, user, client, booking } = await visit();

    const review = await leaveOk(user, booking.id, 4, '  Всё понравилось, приду ещё.  ');

    expect(review).toEqual({
      id: expect.any(String),
      rating: 4,
      text: 'Всё понравилось, приду ещё.',
      authorName: 'Анна С.',
      createdAt: expect.any(String),
      reply: null,
      repliedAt: null,
    });
    const { reviews, rating } = await reviewState(master.master.id);
    expect(reviews).toEqual([
      {
        id: dbId(review.id),
        bookingId: booking.id,
        masterId: master.master.id,
        clientId: client.id,
        authorName: 'Анна С.',
        rating: 4,
        text: 'Всё понравилось, приду ещё.',
        status: 'PUBLISHED',
        reply: null,
        repliedAt: null,
        reportedAt: null,
        reportReason: null,
        decidedAt: null,
        createdAt: new Date(review.createdAt),
      },
    ]);
    expect(rating).toMatchObject({ reviewCount: 1, ratingSum: 4 });
    expect(await publicPage(master.master.id)).toEqual({
      rating: { average: 4, count: 1 },
      reviews: { edges: [{ node: review }], pageInfo: { hasNextPage: false, endCursor: expect.any(String) } },
    });
  });

  it('shows the client their review, and until when a visit may still be reviewed', async () => {
    const { user, booking } = await visit({ endedDaysAgo: 2 });
    const query = () => graphql<{ clientProfile: { pastBookings: { edges: { node: unknown }[] } } }>(app, CLIENT_BOOKINGS, { as: user });

    expect((await query()).data?.clientProfile.pastBookings.edges).toEqual([
      {
        node: {
          id: bookingGid(booking.id),
          status: 'COMPLETED',
          reviewableUntil: new Date(booking.endsAt.getTime() + 30 * DAY).toISOString(),
          review: null,
        },
      },
    ]);
    const review = await leaveOk(user, booking.id, 5);
    expect((await query()).data?.clientProfile.pastBookings.edges).toEqual([
      { node: { id: bookingGid(booking.id), status: 'COMPLETED', reviewableUntil: null, review } },
    ]);
  });

  it.each([
    ['confirmed', 'CONFIRMED'],
    ['missed', 'NO_SHOW'],
    ['cancelled', 'CANCELLED'],
  ] as const)('refuses a %s booking with NOT_COMPLETED and changes nothing', async (_name, status) => {
    const { master, user, booking } = await visit({ status });
    const before = await reviewState(master.master.id);

    const response = await leave(user, booking.id, 5, 'Отлично');

    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(reasonOf(response)).toBe('NOT_COMPLETED');
    expect(response.data ?? null).toBeNull();
    expect(await reviewState(master.master.id)).toEqual(before);
    expect(before).toEqual({ reviews: [], rating: null });
  });

  it("answers another client's booking as one that does not exist, and refuses a caller who is not a client", async () => {
    const { master, booking } = await visit();
    const stranger = await createClient();

    const asStranger = await leave(stranger.user, booking.id, 1, 'Ужасно');
    const asMaster = await leave(master.user, booking.id, 1);
    const anonymous = await graphql(app, LEAVE, { variables: { input: { bookingId: bookingGid(booking.id), rating: 1 } } });

    expect([codeOf(asStranger), asStranger.status]).toEqual(['BAD_USER_INPUT', 200]);
    expect(asStranger.errors?.[0]?.message).toBe('No such booking.');
    expect(codeOf(asMaster)).toBe('FORBIDDEN');
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    expect(await reviewState(master.master.id)).toEqual({ reviews: [], rating: null });
  });

  it('refuses a second review with ALREADY_REVIEWED and keeps the first', async () => {
    const { master, user, booking } = await visit();
    await leaveOk(user, booking.id, 5, 'Первый');
    const before = await reviewState(master.master.id);

    const again = await leave(user, booking.id, 1, 'Второй');

    expect([codeOf(again), reasonOf(again)]).toEqual(['BAD_USER_INPUT', 'ALREADY_REVIEWED']);
    expect(await reviewState(master.master.id)).toEqual(before);
  });

  it('leaves one review of two sent at the same moment; the other gets ALREADY_REVIEWED', async () => {
    const { master, user, booking } = await visit();

    const responses = await Promise.all([leave(user, booking.id, 5, 'раз'), leave(user, booking.id, 2, 'два'), leave(user, booking.id, 3)]);

    const accepted = responses.filter((response) => !response.errors);
    expect(accepted).toHaveLength(1);
    expect(responses.filter((response) => reasonOf(response) === 'ALREADY_REVIEWED')).toHaveLength(2);
    const { reviews, rating } = await reviewState(master.master.id);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]!.rating).toBe(accepted[0]!.data!.leaveReview.rating);
    expect(rating).toMatchObject({ reviewCount: 1, ratingSum: reviews[0]!.rating });
  });

  it('refuses a visit that ended more than 30 days ago with REVIEW_WINDOW_CLOSED', async () => {
    const { master, user, booking } = await visit({ endedDaysAgo: 31 });

    const response = await leave(user, booking.id, 5);

    expect([codeOf(response), reasonOf(response)]).toEqual(['BAD_USER_INPUT', 'REVIEW_WINDOW_CLOSED']);
    expect(response.errors?.[0]?.extensions?.reviewableUntil).toBe(new Date(booking.endsAt.getTime() + 30 * DAY).toISOString());
    expect(await reviewState(master.master.id)).toEqual({ reviews: [], rating: null });
  });

  it('validates the rating and the text at the edge', async () => {
    const { master, user, booking } = await visit();
    for (const [rating, text] of [
      [0, null],
      [6, null],
      [5, 'я'.repeat(1001)],
    ] as const) {
      const response = await leave(user, booking.id, rating, text);
      expect(codeOf(response), `${rating} ${text?.length}`).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions?.fields).toEqual([
        { path: rating === 5 ? 'input.text' : 'input.rating', message: expect.any(String) },
      ]);
    }
    const fractional = await leave(user, booking.id, 4.5);
    expect([fractional.status, fractional.data ?? null]).toEqual([400, null]);
    const notABooking = await graphql(app, LEAVE, {
      as: user,
      variables: { input: { bookingId: encodeGlobalID('Master', master.master.id), rating: 5 } },
    });
    expect(notABooking.errors?.[0]?.extensions?.fields).toEqual([{ path: 'input.bookingId', message: 'Not a Booking id.' }]);
    expect(await reviewState(master.master.id)).toEqual({ reviews: [], rating: null });

    const blank = await leaveOk(user, booking.id, 5, '   ');
    expect(blank.text).toBeNull();
  });
});

describe('addReviewText', () => {
  const addText = (user: TelegramInitUser, reviewId: string, text: string) =>
    graphql<{ addReviewText: Review }>(app, ADD_TEXT, { as: user, variables: { input: { reviewId, text } } });

  it('adds the text to a rating left alone, once, by its author only', async () => {
    const { master, user, booking } = await visit();
    const review = await leaveOk(user, booking.id, 5);
    const stranger = await createClient();

    const foreign = await addText(stranger.user, review.id, 'Чужой текст');
    expect([codeOf(foreign), foreign.errors?.[0]?.message]).toEqual(['BAD_USER_INPUT', 'No such review.']);

    const added = await addText(user, review.id, '  Руки золотые  ');
    expect(added.errors).toBeUndefined();
    expect(added.data?.addReviewText).toEqual({ ...review, text: 'Руки золотые' });

    const before = await reviewState(master.master.id);
    const again = await addText(user, review.id, 'Ещё раз');
    expect([codeOf(again), reasonOf(again)]).toEqual(['BAD_USER_INPUT', 'TEXT_ALREADY_ADDED']);
    expect(await reviewState(master.master.id)).toEqual(before);
    expect(before.reviews.map((row) => row.text)).toEqual(['Руки золотые']);
  });

  it('refuses once the master replied, and once the window closed', async () => {
    const replied = await visit();
    const review = await leaveOk(replied.user, replied.booking.id, 3);
    expect((await reply(replied.master.user, review.id, 'Спасибо!')).errors).toBeUndefined();
    expect(reasonOf(await addText(replied.user, review.id, 'Поздно'))).toBe('ALREADY_REPLIED');

    const late = await visit({ endedDaysAgo: 10 });
    const lateReview = await leaveOk(late.user, late.booking.id, 4);
    const startsAt = new Date(Date.now() - 31 * DAY);
    await prisma.booking.update({ where: { id: late.booking.id }, data: { startsAt, endsAt: new Date(startsAt.getTime() + 60 * MINUTE) } });
    expect(reasonOf(await addText(late.user, lateReview.id, 'Поздно'))).toBe('REVIEW_WINDOW_CLOSED');
    expect((await reviewState(late.master.master.id)).reviews.map((row) => row.text)).toEqual([null]);
  });
});

describe('replyToReview', () => {
  it("replies once; a second reply is ALREADY_REPLIED and another master's review answers as one that does not exist", async () => {
    const { master, user, booking } = await visit();
    const review = await leaveOk(user, booking.id, 5, 'Супер');
    const otherMaster = await createMaster();

    const foreign = await reply(otherMaster.user, review.id, 'Чужой ответ');
    expect([codeOf(foreign), foreign.errors?.[0]?.message]).toEqual(['BAD_USER_INPUT', 'No such review.']);
    const asClient = await reply(user, review.id, 'Сама себе');
    expect(codeOf(asClient)).toBe('MASTER_NOT_REGISTERED');

    const first = await reply(master.user, review.id, '  Спасибо, ждём снова!  ');
    expect(first.errors).toBeUndefined();
    expect(first.data?.replyToReview).toMatchObject({ reply: 'Спасибо, ждём снова!', repliedAt: expect.any(String), status: 'PUBLISHED' });

    const before = await reviewState(master.master.id);
    const second = await reply(master.user, review.id, 'Исправленный ответ');
    expect([codeOf(second), reasonOf(second)]).toEqual(['BAD_USER_INPUT', 'ALREADY_REPLIED']);
    expect(await reviewState(master.master.id)).toEqual(before);
    expect(before.reviews).toMatchObject([{ reply: 'Спасибо, ждём снова!', repliedAt: new Date(first.data!.replyToReview.repliedAt!) }]);
    expect((await publicPage(master.master.id)).reviews.edges[0]?.node).toMatchObject({ reply: 'Спасибо, ждём снова!' });
  });

  it('leaves one reply of two sent at the same moment', async () => {
    const { master, user, booking } = await visit();
    const review = await leaveOk(user, booking.id, 2);

    const responses = await Promise.all([reply(master.user, review.id, 'Первый'), reply(master.user, review.id, 'Второй')]);

    expect(responses.filter((response) => !response.errors)).toHaveLength(1);
    expect(responses.map(reasonOf).filter(Boolean)).toEqual(['ALREADY_REPLIED']);
    const [row] = (await reviewState(master.master.id)).reviews;
    expect(['Первый', 'Второй']).toContain(row!.reply);
  });
});

describe('reportReview', () => {
  it('hides the review from the public page and the rating at once; the master still sees it, REPORTED', async () => {
    const master = await createMaster();
    const kept = await visit({ master });
    const abusive = await visit({ master, user: telegramUser({ first_name: 'Тролль' }) });
    const keptReview = await leaveOk(kept.user, kept.booking.id, 5, 'Хорошо');
    const abusiveReview = await leaveOk(abusive.user, abusive.booking.id, 1, 'Оскорбления');
    expect((await publicPage(master.master.id)).rating).toEqual({ average: 3, count: 2 });

    const reported = await report(master.user, abusiveReview.id, '  Оскорбления, клиент не приходил  ');

    expect(reported.errors).toBeUndefined();
    expect(reported.data?.reportReview).toMatchObject({
      status: 'REPORTED',
      reportedAt: expect.any(String),
      reportReason: 'Оскорбления, клиент не приходил',
      decidedAt: null,
    });
    const page = await publicPage(master.master.id);
    expect(page.rating).toEqual({ average: 5, count: 1 });
    expect(page.reviews.edges.map((edge) => edge.node.id)).toEqual([keptReview.id]);
    expect(await prisma.masterRating.findUnique({ where: { masterId: master.master.id } })).toMatchObject({ reviewCount: 1, ratingSum: 5 });

    const mine = await graphql<{ masterProfile: { rating: unknown; reviews: { edges: { node: MasterReview }[] } } }>(app, MINE, {
      as: master.user,
    });
    expect(mine.data?.masterProfile.rating).toEqual({ average: 5, count: 1 });
    expect(mine.data?.masterProfile.reviews.edges.map((edge) => [edge.node.id, edge.node.status])).toEqual([
      [abusiveReview.id, 'REPORTED'],
      [keptReview.id, 'PUBLISHED'],
    ]);
    expect(mine.data?.masterProfile.reviews.edges[0]?.node.booking).toEqual({ id: bookingGid(abusive.booking.id) });
    const onlyReported = await graphql<{ masterProfile: { reviews: { edges: { node: MasterReview }[] } } }>(app, MINE, {
      as: master.user,
      variables: { status: 'REPORTED' },
    });
    expect(onlyReported.data?.masterProfile.reviews.edges.map((edge) => edge.node.id)).toEqual([abusiveReview.id]);

    const before = await reviewState(master.master.id);
    const again = await report(master.user, abusiveReview.id, 'Ещё раз');
    expect([codeOf(again), reasonOf(again)]).toEqual(['BAD_USER_INPUT', 'ALREADY_REPORTED']);
    const foreign = await report((await createMaster()).user, keptReview.id, 'Не нравится');
    expect([codeOf(foreign), foreign.errors?.[0]?.message]).toEqual(['BAD_USER_INPUT', 'No such review.']);
    expect(await reviewState(master.master.id)).toEqual(before);
  });

  it('is refused without a reason, and for a master who is not active', async () => {
    const { master, user, booking } = await visit();
    const review = await leaveOk(user, booking.id, 1);
    const before = await reviewState(master.master.id);

    expect(codeOf(await report(master.user, review.id, '   '))).toBe('BAD_USER_INPUT');
    await prisma.master.update({ where: { id: master.master.id }, data: { status: 'DRAFT', isActive: false, profileCompletedAt: null } });
    expect(codeOf(await report(master.user, review.id, 'Оскорбление'))).toBe('FORBIDDEN');
    expect(await reviewState(master.master.id)).toEqual(before);
  });
});

describe('operators decide reports (npm run reviews:reports, reviews:decide)', () => {
  const cli = (args: string[]) => runTestCommand('Review command', reviewCommand, args);

  async function reportedReview(rating: number, text: string) {
    const reviewed = await visit();
    const review = await leaveOk(reviewed.user, reviewed.booking.id, rating, text);
    expect((await report(reviewed.master.user, review.id, 'Оскорбляет меня')).errors).toBeUndefined();
    return { ...reviewed, reviewId: dbId(review.id) };
  }

  const auditOf = (reviewId: string) =>
    prisma.auditEvent.findMany({ where: { subjectType: 'review', subjectId: reviewId }, orderBy: { id: 'asc' } });

  it('lists the reports waiting, and removes one for good: audited, still hidden, not reportable again', async () => {
    const { master, reviewId } = await reportedReview(1, 'Мастер — ужас');

    const listed = await cli(['reports']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${reviewId}  reported `);
    expect(listed.stdout).toContain('rating 1');
    expect(listed.stdout).toContain('review: "Мастер — ужас"');
    expect(listed.stdout).toContain('report: "Оскорбляет меня"');

    const removed = await cli(['decide', reviewId, '--remove']);
    expect(removed).toEqual({ code: 0, stdout: `Review ${reviewId} is removed for good.\n`, stderr: '' });

    const row = await prisma.review.findUniqueOrThrow({ where: { id: reviewId } });
    expect(row).toMatchObject({ status: 'REMOVED', decidedAt: expect.any(Date) });
    expect(await auditOf(reviewId)).toMatchObject([
      {
        action: REVIEW_REPORT_DECIDED_ACTION,
        actor: 'operator',
        details: { decision: 'REMOVED', masterId: master.master.id, reportedAt: row.reportedAt!.toISOString() },
      },
    ]);
    expect(JSON.stringify((await auditOf(reviewId))[0]?.details)).not.toMatch(/Анна|Смирнов|ужас|Оскорб/);
    expect(await publicPage(master.master.id)).toMatchObject({ rating: { average: null, count: 0 }, reviews: { edges: [] } });
    expect((await cli(['reports'])).stdout).not.toContain(reviewId);

    const reportAgain = await report(master.user, reviewGid(reviewId), 'И снова');
    expect(reasonOf(reportAgain)).toBe('ALREADY_DECIDED');
    const replyRemoved = await reply(master.user, reviewGid(reviewId), 'Ответ');
    expect(reasonOf(replyRemoved)).toBe('REVIEW_REMOVED');
    const decideAgain = await cli(['decide', reviewId, '--publish']);
    expect(decideAgain.code).toBe(1);
    expect(decideAgain.stderr).toMatch(/is not waiting for a decision \(status REMOVED, decided .*\); nothing changed\./);
    expect(await prisma.review.findUniqueOrThrow({ where: { id: reviewId } })).toEqual(row);
    expect(await auditOf(reviewId)).toHaveLength(1);
  });

  it('publishes one again (a process of its own, as npm run does): back on the page and in the rating', async () => {
    const { master, reviewId } = await reportedReview(4, 'Нормально');
    expect((await publicPage(master.master.id)).rating).toEqual({ average: null, count: 0 });

    const published = await runCommandProcess('src/modules/review/review.cli.ts', ['decide', reviewId, '--publish']);

    expect(published.stderr).toBe('');
    expect(published.code).toBe(0);
    expect(published.stdout).toBe(`Review ${reviewId} is published again: back on the master's page and in the rating.\n`);
    expect(await prisma.review.findUniqueOrThrow({ where: { id: reviewId } })).toMatchObject({
      status: 'PUBLISHED',
      decidedAt: expect.any(Date),
    });
    const page = await publicPage(master.master.id);
    expect(page.rating).toEqual({ average: 4, count: 1 });
    expect(page.reviews.edges.map((edge) => dbId(edge.node.id))).toEqual([reviewId]);
    expect(await auditOf(reviewId)).toMatchObject([{ action: REVIEW_REPORT_DECIDED_ACTION, details: { decision: 'PUBLISHED' } }]);
    expect(reasonOf(await report(master.user, reviewGid(reviewId), 'Снова'))).toBe('ALREADY_DECIDED');
  });

  it('refuses bad arguments (2) and reviews that are unknown or not reported (1), changing nothing', async () => {
    const { reviewId } = await reportedReview(2, 'Так себе');
    const published = await visit();
    const publishedId = dbId(await leaveOk(published.user, published.booking.id, 5).then((review) => review.id));

    expect((await cli(['decide', reviewId])).code).toBe(2);
    expect((await cli(['decide', reviewId, '--remove', '--publish'])).code).toBe(2);
    expect((await cli(['decide', 'not-an-id', '--remove'])).code).toBe(2);
    expect((await cli(['reports', '--limit', '0'])).code).toBe(2);
    expect((await cli(['purge'])).code).toBe(2);
    expect((await cli(['decide', '00000000-0000-4000-8000-000000000000', '--remove'])).code).toBe(1);
    const notReported = await cli(['decide', publishedId, '--remove']);
    expect(notReported.code).toBe(1);
    expect(notReported.stderr).toContain('is not waiting for a decision (status PUBLISHED); nothing changed.');

    expect(await prisma.review.findUniqueOrThrow({ where: { id: reviewId } })).toMatchObject({ status: 'REPORTED', decidedAt: null });
    expect(await prisma.review.findUniqueOrThrow({ where: { id: publishedId } })).toMatchObject({ status: 'PUBLISHED', decidedAt: null });
    expect(await prisma.auditEvent.count({ where: { subjectType: 'review', subjectId: { in: [reviewId, publishedId] } } })).toBe(0);
  });
});

describe("a master's rating", () => {
  it('is the exact average of the published reviews, whatever is left, reported and decided at the same time', async () => {
    const masters = await Promise.all([createMaster(), createMaster(), createMaster()]);
    const ratings = [
      [5, 4, 4, 3, 5, 1, 2],
      [1, 1, 2],
      [5, 5, 4, 5, 3, 4],
    ];
    const visits = await Promise.all(
      masters.flatMap((master, index) => ratings[index]!.map(async (rating) => ({ ...(await visit({ master })), rating }))),
    );
    const left = await Promise.all(visits.map(async (v) => ({ ...v, reviewId: (await leaveOk(v.user, v.booking.id, v.rating)).id })));
    // Some are reported, at once; of those, some removed and some published again.
    const reported = left.filter((_, index) => index % 3 === 0);
    await Promise.all(reported.map((v) => report(v.master.user, v.reviewId, 'Жалоба')));
    await Promise.all(
      reported.map((v, index) =>
        runTestCommand('Review command', reviewCommand, ['decide', dbId(v.reviewId), index % 2 ? '--remove' : '--publish']),
      ),
    );
    await report(left[1]!.master.user, left[1]!.reviewId, 'Ещё жалоба');

    for (const master of masters) {
      const expected = await recomputedRating(master.master.id);
      const page = await publicPage(master.master.id);
      expect(page.rating).toEqual({ average: expected.average, count: expected.count });
      expect(await prisma.masterRating.findUnique({ where: { masterId: master.master.id } })).toMatchObject({
        reviewCount: expected.count,
        ratingSum: expected.sum,
      });
      expect(page.reviews.edges).toHaveLength(expected.count);
    }
    const first = await recomputedRating(masters[0]!.master.id);
    expect(first.count).toBeGreaterThan(0);
    expect(first.count).toBeLessThan(ratings[0]!.length);
  });

  it('shows the published reviews latest first, page by page', async () => {
    const master = await createMaster();
    const visits = [];
    for (let index = 0; index < 5; index++) visits.push(await visit({ master }));
    const ids = [];
    for (const [index, v] of visits.entries()) ids.push((await leaveOk(v.user, v.booking.id, 1 + index, `Отзыв ${index}`)).id);
    await report(master.user, ids[2]!, 'Оскорбление');

    const expected = [ids[4], ids[3], ids[1], ids[0]];
    const firstPage = await graphql<Page>(app, PAGE, { variables: { id: encodeGlobalID('Master', master.master.id), first: 3 } });
    const firstReviews = firstPage.data!.master!.reviews;
    expect(firstReviews.edges.map((edge) => edge.node.id)).toEqual(expected.slice(0, 3));
    expect(firstReviews.pageInfo.hasNextPage).toBe(true);
    const secondPage = await graphql<Page>(app, PAGE, {
      variables: { id: encodeGlobalID('Master', master.master.id), first: 3, after: firstReviews.pageInfo.endCursor },
    });
    expect(secondPage.data!.master!.reviews.edges.map((edge) => edge.node.id)).toEqual(expected.slice(3));
    expect(secondPage.data!.master!.reviews.pageInfo.hasNextPage).toBe(false);
  });

  it('is zero reviews and no average for a master nobody reviewed', async () => {
    const master = await createMaster();
    await createBooking({ masterId: master.master.id, startsAt: new Date(Date.now() - 2 * DAY), status: 'COMPLETED' });
    expect(await publicPage(master.master.id)).toEqual({
      rating: { average: null, count: 0 },
      reviews: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
    });
  });
});

describe('erasing the author’s data', () => {
  it('keeps their reviews for the master, detached and without a name', async () => {
    const { master, user, client, booking } = await visit();
    const review = await leaveOk(user, booking.id, 5, 'Лучший мастер');
    expect((await reply(master.user, review.id, 'Спасибо, Анна!')).errors).toBeUndefined();
    const ratingBefore = await prisma.masterRating.findUnique({ where: { masterId: master.master.id } });

    const erased = await graphql(app, 'mutation { eraseMyData }', { as: user });

    expect(erased.errors).toBeUndefined();
    const row = await prisma.review.findUniqueOrThrow({ where: { id: dbId(review.id) } });
    expect(row).toMatchObject({
      clientId: null,
      authorName: null,
      rating: 5,
      text: 'Лучший мастер',
      status: 'PUBLISHED',
      bookingId: booking.id,
    });
    expect(await prisma.review.count({ where: { clientId: { not: null }, masterId: master.master.id } })).toBe(0);
    expect(await prisma.masterRating.findUnique({ where: { masterId: master.master.id } })).toEqual(ratingBefore);
    const page = await publicPage(master.master.id);
    expect(page.rating).toEqual({ average: 5, count: 1 });
    expect(page.reviews.edges).toEqual([{ node: { ...review, authorName: null, reply: 'Спасибо, Анна!', repliedAt: expect.any(String) } }]);
    expect(await prisma.auditEvent.findFirst({ where: { subjectType: 'client', subjectId: client.id } })).toMatchObject({
      details: { reviewsDetached: 1 },
    });
  });
});
