import { z } from 'zod';
import { builder } from '../../builder.js';
import { globalIdOf } from '../../global-id.js';
import { optionalText } from '../../validation.js';
import { REPORT_REASON_MAX, REVIEW_TEXT_MAX } from './review.service.js';

const rating = z.number().int('A whole number of stars.').min(1, 'From 1 to 5.').max(5, 'From 1 to 5.');
const text = (max: number, empty: string) => z.string().trim().min(1, empty).max(max);

export const LeaveReviewInput = builder
  .inputType('LeaveReviewInput', {
    fields: (t) => ({
      bookingId: t.id({ description: 'One of your bookings that the master marked completed (`ClientBooking.reviewableUntil`).' }),
      rating: t.int({ description: '1 to 5.' }),
      text: t.string({ required: false, description: `Optional, up to ${REVIEW_TEXT_MAX} characters; blank means none.` }),
    }),
  })
  .validate(z.object({ bookingId: globalIdOf('Booking'), rating, text: optionalText(REVIEW_TEXT_MAX) }));

export const AddReviewTextInput = builder
  .inputType('AddReviewTextInput', {
    fields: (t) => ({
      reviewId: t.id({ description: 'Your review left with a rating alone (`ClientBooking.review`).' }),
      text: t.string({ description: `Up to ${REVIEW_TEXT_MAX} characters.` }),
    }),
  })
  .validate(z.object({ reviewId: globalIdOf('Review'), text: text(REVIEW_TEXT_MAX, 'Write a few words.') }));

export const ReplyToReviewInput = builder
  .inputType('ReplyToReviewInput', {
    fields: (t) => ({
      reviewId: t.id({ description: 'A review of yours (`masterProfile.reviews`).' }),
      text: t.string({ description: `Up to ${REVIEW_TEXT_MAX} characters.` }),
    }),
  })
  .validate(z.object({ reviewId: globalIdOf('Review'), text: text(REVIEW_TEXT_MAX, 'Write a reply.') }));

export const ReportReviewInput = builder
  .inputType('ReportReviewInput', {
    fields: (t) => ({
      reviewId: t.id({ description: 'A published review of yours.' }),
      reason: t.string({ description: `What is abusive about it, for the operator; up to ${REPORT_REASON_MAX} characters.` }),
    }),
  })
  .validate(z.object({ reviewId: globalIdOf('Review'), reason: text(REPORT_REASON_MAX, 'Say what is wrong with it.') }));
