export {
  type AvailableSlot,
  AvailableSlotsQuery,
  CreateBookingMutation,
  type MasterSearchResult,
  type PublicMaster,
  PublicMasterQuery,
  SearchMastersQuery,
} from './booking.ts';
export {
  BlockTimeMutation,
  type CalendarBooking,
  CalendarBookingFragment,
  type CalendarTimeBlock,
  CalendarTimeBlockFragment,
  CancelBookingMutation,
  CreateManualBookingMutation,
  MasterCalendarQuery,
  SetBookingOutcomeMutation,
  UnblockTimeMutation,
} from './calendar.ts';
export { CitiesQuery, ServicesInCityQuery, ServicesQuery } from './catalog.ts';
export {
  type ClientBooking,
  ClientBookingFragment,
  ClientBookingsQuery,
  type ClientProfile,
  ClientProfileFragment,
  ClientProfileQuery,
  UpsertClientMutation,
} from './client.ts';
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
  SaveOnboardingStepMutation,
  UpdateMasterServiceMutation,
  UpdateMasterSettingsMutation,
} from './master.ts';
export { RequestPhoneOtpMutation, VerifyPhoneOtpMutation } from './phone.ts';
export { MeQuery } from './viewer.ts';
