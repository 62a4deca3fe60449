export { graphql, readFragment } from './graphql.ts';
export type { FragmentOf, ResultOf, VariablesOf } from './graphql.ts';
export { MeQuery } from './viewer.ts';
export { CitiesQuery, ServicesQuery } from './catalog.ts';
export {
  ActivateMasterMutation,
  MasterProfileFragment,
  MasterProfileQuery,
  SaveOnboardingStepMutation,
  UpdateMasterSettingsMutation,
  type MasterProfile,
} from './master.ts';
export { RequestPhoneOtpMutation, VerifyPhoneOtpMutation } from './phone.ts';
export {
  BlockTimeMutation,
  CalendarBookingFragment,
  CalendarTimeBlockFragment,
  CancelBookingMutation,
  CreateManualBookingMutation,
  MasterCalendarQuery,
  SetBookingOutcomeMutation,
  UnblockTimeMutation,
  type CalendarBooking,
  type CalendarTimeBlock,
} from './calendar.ts';
export {
  ClientBookingFragment,
  ClientBookingsQuery,
  ClientProfileFragment,
  ClientProfileQuery,
  UpsertClientMutation,
  type ClientBooking,
  type ClientProfile,
} from './client.ts';
export {
  AvailableSlotsQuery,
  CreateBookingMutation,
  PublicMasterQuery,
  SearchMastersQuery,
  type AvailableSlot,
  type MasterSearchResult,
  type PublicMaster,
} from './booking.ts';
