import type { RouteSectionProps } from '@solidjs/router';
import { type Component, createResource, Match, Switch } from 'solid-js';
import { locale } from './i18n/index.ts';
import type { RoleTexts } from './i18n/roleTexts.ts';
import { lazyPage, PageLoadFailed } from './lazyPage.tsx';

/**
 * The layout of one role's pages, a lazy page that downloads the role's texts in the current
 * locale alongside its chunk, so that the role's pages read them synchronously. The locale is
 * chosen at launch; should it be one whose texts are not in when the layout renders, the layout
 * waits for them (AppShell shows the loading state meanwhile).
 */
export function roleLayout(texts: RoleTexts<unknown>, load: () => Promise<Component<RouteSectionProps>>) {
  return lazyPage(() =>
    Promise.all([load(), texts.load(locale())]).then(([Layout]) => (props: RouteSectionProps) => {
      const [loaded] = createResource(locale, (current) => {
        const loading = texts.load(current);
        return loading === true ? true : loading.catch(textsLoadFailed);
      });
      return (
        <Switch>
          <Match when={loaded() === true}>
            <Layout {...props} />
          </Match>
          <Match when={loaded() === false}>
            <PageLoadFailed />
          </Match>
        </Switch>
      );
    }),
  );
}

function textsLoadFailed(error: unknown): false {
  console.error("A role's texts could not be loaded", error);
  return false;
}
