import { Show, createSignal } from 'solid-js';
import { CityPicker, type City } from '../../components/CityPicker/CityPicker.tsx';
import { Page } from '../../components/Page/Page.tsx';
import { t } from '../../i18n/index.ts';
import { useSession } from '../../session.ts';
import './ClientPage.css';

/** Placeholder of the client journey: a greeting and the city to search masters in. */
export function ClientPage() {
  const session = useSession();
  const [chosenCity, setChosenCity] = createSignal<City>();
  const greeting = () =>
    session.firstName ? t().client.greeting(session.firstName) : t().client.greetingAnonymous;

  return (
    <Page title={greeting()} subtitle={t().client.intro}>
      <div class="section">
        <h2 class="section__header" id="cities-header">
          {t().client.cities}
        </h2>
        <CityPicker
          labelledBy="cities-header"
          selectedId={chosenCity()?.id}
          onSelect={setChosenCity}
          emptyText={t().client.noCities}
        />
      </div>
      <Show when={chosenCity()}>
        {(city) => <p class="hint client__next">{t().client.cityChosen(city().name)}</p>}
      </Show>
    </Page>
  );
}
