import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.js';
import type { Prisma, ReviewStatus } from '../../generated/prisma/client.js';
import { REVIEW_WINDOW_DAYS, reviewWindowEnd } from '../../review-window.js';
import { ClientBookingRef } from '../booking/booking.types.js';
import { MasterRef } from '../master/master.public.js';
import { MasterProfileRef } from '../master/master.types.js';

export const ReviewStatusEnum = builder.enumType('ReviewStatus', {
  description: 'Where a review stands.',
  values: {
    PUBLISHED: { description: "Shown on the master's public page and counted in the rating." },
    REPORTED: { description: 'The master reported it as abusive: hidden, and not counted, until an operator decides.' },
    REMOVED: { description: 'An operator upheld the report: hidden for good.' },
  } satisfies Record<ReviewStatus, unknown>,
});

/** The newest first; the id breaks ties, so pages never repeat or skip a review. */
const LATEST_FIRST = [{ createdAt: 'desc' }, { id: 'desc' }] satisfies Prisma.ReviewOrderByWithRelationInput[];

/** A review as anyone may read it: on the master's page, and to its author. */
export const ReviewRef = builder.prismaObject('Review', {
  description: `A client's review of a completed visit: one per booking, within ${REVIEW_WINDOW_DAYS} days of it.`,
  fields: (t) => ({
    id: t.id({ resolve: (review) => encodeGlobalID('Review', review.id) }),
    rating: t.exposeInt('rating', { description: '1 to 5.' }),
    text: t.exposeString('text', { nullable: true, description: 'Null for a rating alone (left with the bot’s buttons).' }),
    authorName: t.exposeString('authorName', {
      nullable: true,
      description: 'The first name and the initial of the last name ("Анна С."); null once the author erased their data.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    reply: t.exposeString('reply', { nullable: true, description: "The master's reply (one at most)." }),
    repliedAt: t.expose('repliedAt', { type: 'DateTime', nullable: true }),
  }),
});

/** A review of the master's own, as the master manages it. */
export const MasterReviewRef = builder.prismaObject('Review', {
  variant: 'MasterReview',
  description: 'A review of your visit, with where it stands (a reported one is hidden from your page until an operator decides).',
  fields: (t) => ({
    id: t.id({ description: 'The same global id as the public review.', resolve: (review) => encodeGlobalID('Review', review.id) }),
    rating: t.exposeInt('rating', { description: '1 to 5.' }),
    text: t.exposeString('text', { nullable: true }),
    authorName: t.exposeString('authorName', {
      nullable: true,
      description: 'As your page shows it; null once the author erased their data.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    reply: t.exposeString('reply', { nullable: true, description: 'Your reply: `replyToReview`, once.' }),
    repliedAt: t.expose('repliedAt', { type: 'DateTime', nullable: true }),
    status: t.expose('status', { type: ReviewStatusEnum }),
    reportedAt: t.expose('reportedAt', { type: 'DateTime', nullable: true, description: 'When you reported it (`reportReview`).' }),
    reportReason: t.exposeString('reportReason', { nullable: true }),
    decidedAt: t.expose('decidedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When an operator decided your report (status REMOVED, or PUBLISHED again); it cannot be reported again.',
    }),
    booking: t.relation('booking', { description: 'The visit reviewed.' }),
  }),
});

interface RatingSummary {
  count: number;
  sum: number;
}

const RatingRef = builder.objectRef<RatingSummary>('Rating').implement({
  description: "A master's rating from the published reviews.",
  fields: (t) => ({
    average: t.float({
      nullable: true,
      description: 'The mean of the published ratings (their sum over their count), unrounded; null without any.',
      resolve: (rating) => (rating.count === 0 ? null : rating.sum / rating.count),
    }),
    count: t.exposeInt('count', { description: 'How many published reviews.' }),
  }),
});

const ratingSelect = { rating: { select: { reviewCount: true, ratingSum: true } } } as const;

function ratingOf(master: { rating: { reviewCount: number; ratingSum: number } | null }): RatingSummary {
  return { count: master.rating?.reviewCount ?? 0, sum: master.rating?.ratingSum ?? 0 };
}

const MAX_REVIEWS_PAGE = 50;

builder.prismaObjectFields(MasterRef, (t) => ({
  rating: t.field({
    type: RatingRef,
    description: 'Average and count of the published reviews.',
    select: ratingSelect,
    resolve: ratingOf,
  }),
  reviews: t.relatedConnection('reviews', {
    type: ReviewRef,
    cursor: 'id',
    defaultSize: 10,
    maxSize: MAX_REVIEWS_PAGE,
    description: 'Published reviews, latest first. Reported and removed ones are never shown.',
    query: () => ({ where: { status: 'PUBLISHED' }, orderBy: LATEST_FIRST }),
  }),
}));

builder.prismaObjectFields(MasterProfileRef, (t) => ({
  rating: t.field({
    type: RatingRef,
    description: 'Average and count of your published reviews, as your page shows them.',
    select: ratingSelect,
    resolve: ratingOf,
  }),
  reviews: t.relatedConnection('reviews', {
    type: MasterReviewRef,
    cursor: 'id',
    defaultSize: 20,
    maxSize: MAX_REVIEWS_PAGE,
    description: 'Reviews of your visits, latest first: all of them, or those with `status`.',
    args: { status: t.arg({ type: ReviewStatusEnum, required: false }) },
    query: (args) => ({ where: args.status ? { status: args.status } : {}, orderBy: LATEST_FIRST }),
  }),
}));

builder.prismaObjectFields(ClientBookingRef, (t) => ({
  review: t.relation('review', {
    nullable: true,
    description:
      'Your review of this visit; null until you leave one (`leaveReview`). A rating alone takes its text later (`addReviewText`).',
  }),
  reviewableUntil: t.field({
    type: 'DateTime',
    nullable: true,
    description:
      `Until when you may review this visit (\`leaveReview\`): ${REVIEW_WINDOW_DAYS} days after its end. Null unless it is completed ` +
      'and not reviewed yet. After it, `leaveReview` answers BAD_USER_INPUT with `extensions.reason` REVIEW_WINDOW_CLOSED.',
    select: { review: { select: { id: true } } },
    resolve: (booking) => (booking.status === 'COMPLETED' && !booking.review ? reviewWindowEnd(booking.endsAt) : null),
  }),
}));
