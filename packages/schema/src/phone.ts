import { graphql } from './graphql.ts';
import { MasterProfileFragment } from './master.ts';

export const RequestPhoneOtpMutation = graphql(`
  mutation RequestPhoneOtp($input: RequestPhoneOtpInput!) {
    requestPhoneOtp(input: $input) {
      phone
      expiresAt
      resendAvailableAt
      delivery
    }
  }
`);

export const VerifyPhoneOtpMutation = graphql(
  `
    mutation VerifyPhoneOtp($input: VerifyPhoneOtpInput!) {
      verifyPhoneOtp(input: $input) {
        ...MasterProfileFields
      }
    }
  `,
  [MasterProfileFragment],
);
