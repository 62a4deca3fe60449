export {
  type AvailableSlot,
  AvailableSlotsQuery,
  CreateBookingMutation,
  type MasterSearchResult,
  SearchMastersQuery,
} from './booking.ts';
export { type BookingMove, BookingMoveFragment } from './booking-move.ts';
export {
  AddDaysOffMutation,
  BlockTimeMutation,
  type CalendarBooking,
  CalendarBookingFragment,
  type CalendarTimeBlock,
  CalendarTimeBlockFragment,
  CancelBookingMutation,
  CreateManualBookingMutation,
  DaysOffQuery,
  MasterCalendarQuery,
  RemoveDaysOffMutation,
  RescheduleBookingMutation,
  SetBookingOutcomeMutation,
  UnblockTimeMutation,
} from './calendar.ts';
export { CitiesQuery, ServicesInCityQuery, ServicesQuery } from './catalog.ts';
export {
  type ClientBooking,
  ClientBookingFragment,
  type ClientProfile,
  ClientProfileFragment,
  ClientProfileQuery,
  MoveMyBookingMutation,
  UpsertClientMutation,
} from './client.ts';
export { ClientBookingsQuery, type ListedClientBooking } from './client-bookings.ts';
export {
  ConsentHistoryQuery,
  type ConsentRecord,
  EraseMyDataMutation,
  GrantConsentMutation,
  UpdateClientContactsMutation,
  UpdateClientPreferencesMutation,
  WithdrawConsentMutation,
} from './client-profile.ts';
export { type DayOff, DayOffFragment } from './day-off.ts';
export type { FragmentOf, ResultOf, VariablesOf } from './graphql.ts';
export { graphql, readFragment } from './graphql.ts';
export {
  ActivateMasterMutation,
  ArchiveMasterServiceMutation,
  CreateMasterServiceMutation,
  type MasterProfile,
  MasterProfileFragment,
  MasterProfileQuery,
  type MasterService,
  MasterServiceFragment,
  ReorderMasterPhotosMutation,
  SaveOnboardingStepMutation,
  UpdateMasterServiceMutation,
  UpdateMasterSettingsMutation,
} from './master.ts';
export { type MasterStats, MasterStatsQuery } from './master-stats.ts';
export {
  DeleteMasterPhotoMutation,
  type Photo,
  PhotoFragment,
  UpdateMasterPhotoMutation,
  UploadMasterPhotoMutation,
} from './media.ts';
export { FunnelQuery } from './operator.ts';
export { RequestPhoneOtpMutation, VerifyPhoneOtpMutation } from './phone.ts';
export {
  AddReviewTextMutation,
  LeaveReviewMutation,
  MasterPageReviewsQuery,
  type ReceivedReview,
  ReceivedReviewFragment,
  ReceivedReviewsQuery,
  ReplyToReviewMutation,
  ReportReviewMutation,
  type Review,
  ReviewFragment,
} from './review.ts';
export { type PublicMaster, PublicMasterQuery } from './storefront.ts';
export { MeQuery } from './viewer.ts';
export {
  ClaimWaitlistOfferMutation,
  ClientWaitlistQuery,
  JoinWaitlistMutation,
  LeaveWaitlistMutation,
  type WaitlistEntry,
  WaitlistEntryFragment,
} from './waitlist.ts';
