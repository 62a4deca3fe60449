import { builder } from '../../builder.js';
import { AddReviewTextInput, LeaveReviewInput, ReplyToReviewInput, ReportReviewInput } from './review.inputs.js';
import { addReviewText, leaveReview, replyToReview, reportReview } from './review.service.js';
import { MasterReviewRef, ReviewRef } from './review.types.js';

builder.mutationFields((t) => ({
  leaveReview: t.withAuth({ client: true }).prismaField({
    type: ReviewRef,
    description:
      'Reviews a visit of yours that the master marked completed, once, until `ClientBooking.reviewableUntil`; published on ' +
      "the master's page at once, under your first name and initial. Refusals are BAD_USER_INPUT with `extensions.reason`: " +
      'NOT_COMPLETED (not completed, or cancelled), ALREADY_REVIEWED, REVIEW_WINDOW_CLOSED (with `reviewableUntil`); ' +
      "another client's booking answers as one that does not exist.",
    args: { input: t.arg({ type: LeaveReviewInput }) },
    resolve: async (query, _root, { input }, context) => {
      const id = await leaveReview(context.prisma, context.client.id, input);
      return context.prisma.review.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  addReviewText: t.withAuth({ client: true }).prismaField({
    type: ReviewRef,
    description:
      'Adds the text to your review left with a rating alone (the bot’s buttons), once, within the review window. Refusals ' +
      '(BAD_USER_INPUT, `extensions.reason`): TEXT_ALREADY_ADDED, ALREADY_REPLIED (the master has answered it as it was), ' +
      "REVIEW_WINDOW_CLOSED, REVIEW_REMOVED; another client's review answers as one that does not exist.",
    args: { input: t.arg({ type: AddReviewTextInput }) },
    resolve: async (query, _root, { input }, context) => {
      await addReviewText(context.prisma, context.client.id, input.reviewId, input.text);
      return context.prisma.review.findUniqueOrThrow({ ...query, where: { id: input.reviewId } });
    },
  }),

  replyToReview: t.withAuth({ $all: { master: true, activeMaster: true } }).prismaField({
    type: MasterReviewRef,
    description:
      'Replies to a review of yours, once; the reply shows under it on your page. Refusals (BAD_USER_INPUT, ' +
      "`extensions.reason`): ALREADY_REPLIED, REVIEW_REMOVED; another master's review answers as one that does not exist.",
    args: { input: t.arg({ type: ReplyToReviewInput }) },
    resolve: async (query, _root, { input }, context) => {
      await replyToReview(context.prisma, context.master.id, input.reviewId, input.text);
      return context.prisma.review.findUniqueOrThrow({ ...query, where: { id: input.reviewId } });
    },
  }),

  reportReview: t.withAuth({ $all: { master: true, activeMaster: true } }).prismaField({
    type: MasterReviewRef,
    description:
      'Reports a published review of yours as abusive: it leaves your page and your rating at once (status REPORTED) ' +
      'until an operator removes it for good or publishes it again. Refusals (BAD_USER_INPUT, `extensions.reason`): ' +
      "ALREADY_REPORTED, ALREADY_DECIDED (an operator's decision stands); another master's review answers as one that does not exist.",
    args: { input: t.arg({ type: ReportReviewInput }) },
    resolve: async (query, _root, { input }, context) => {
      await reportReview(context.prisma, context.master.id, input.reviewId, input.reason);
      return context.prisma.review.findUniqueOrThrow({ ...query, where: { id: input.reviewId } });
    },
  }),
}));
