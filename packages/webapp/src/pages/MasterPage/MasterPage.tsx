import { Navigate } from '@solidjs/router';
import { useMasterProfile } from '../../components/MasterProfileProvider/MasterProfileProvider.tsx';
import { masterHomePath } from '../../onboarding.ts';

/** `/master`, where the bot's button leads: sends the user where their profile says they belong. */
export function MasterPage() {
  const master = useMasterProfile();
  return <Navigate href={masterHomePath(master.profile())} />;
}
