import { useMasterProfile } from '../../components/MasterProfileProvider/MasterProfileProvider.tsx';
import { Redirect } from '../../components/Redirect/Redirect.tsx';
import { masterHomePath } from '../../onboarding.ts';

/** `/master`, where the bot's button leads: sends the user where their profile says they belong. */
export function MasterPage() {
  const master = useMasterProfile();
  return <Redirect href={masterHomePath(master.profile())} />;
}
