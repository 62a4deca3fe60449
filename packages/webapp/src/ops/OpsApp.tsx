import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { DayChart } from './DayChart.tsx';
import { type Funnel, fetchFunnel } from './funnelApi.ts';
import { clientSteps, type FunnelStep, registrationSteps, stageSteps } from './funnelSteps.ts';
import { forgetOperatorKey, keepOperatorKey, storedOperatorKey } from './operatorKey.ts';

/** The longest range the funnel answers (the API refuses more). */
const MAX_DAYS = 92;
const DAY_MS = 86_400_000;

const utcDate = (time: number) => new Date(time).toISOString().slice(0, 10);
const today = () => utcDate(Date.now());
const daysBefore = (date: string, days: number) => utcDate(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS);

const percent = (share: number | undefined) => (share === undefined ? '' : `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`);

/**
 * The operator dashboard at /ops, for a desktop browser: asks for the operator key once (kept
 * for the tab's session), then shows the funnel over a range of UTC days.
 */
export function OpsApp() {
  const [key, setKey] = createSignal(storedOperatorKey());
  const [refused, setRefused] = createSignal(false);
  const [range, setRange] = createSignal({ from: daysBefore(today(), 13), to: today() });

  const [answer] = createResource(
    () => {
      const current = key();
      return current ? { key: current, ...range() } : undefined;
    },
    async ({ key: tried, from, to }) => {
      const result = await fetchFunnel(tried, from, to);
      if (result.kind === 'refused') {
        forgetOperatorKey();
        setRefused(true);
        setKey(undefined);
      } else if (result.kind === 'funnel') {
        keepOperatorKey(tried);
        setRefused(false);
      }
      return result;
    },
  );

  const funnel = () => {
    const latest = answer.latest;
    return latest?.kind === 'funnel' ? latest.funnel : undefined;
  };
  const failure = () => {
    const latest = answer.latest;
    return latest?.kind === 'failed' ? latest.message : undefined;
  };

  const signOut = () => {
    forgetOperatorKey();
    setRefused(false);
    setKey(undefined);
  };

  return (
    <main class="ops">
      <header class="ops-header">
        <h1>Zapis · funnel</h1>
        <Show when={key()}>
          <RangeForm range={range()} onChange={setRange} />
          <button type="button" class="ops-link" onClick={signOut}>
            Forget the key
          </button>
        </Show>
      </header>
      <Show when={key()} fallback={<KeyForm refused={refused()} onKey={setKey} />}>
        <Switch>
          <Match when={answer.loading && !answer.latest}>
            <p class="ops-hint">Loading…</p>
          </Match>
          <Match when={answer.error}>
            <p class="ops-error" role="alert">
              The funnel did not load: {String(answer.error)}
            </p>
          </Match>
          <Match when={failure()}>
            {(message) => (
              <p class="ops-error" role="alert">
                {message()}
              </p>
            )}
          </Match>
          <Match when={funnel()}>{(loaded) => <Dashboard funnel={loaded()} />}</Match>
        </Switch>
      </Show>
    </main>
  );
}

function KeyForm(props: { refused: boolean; onKey: (key: string) => void }) {
  const [typed, setTyped] = createSignal('');
  return (
    // POST and prevented: the key never becomes part of a URL, even before the script runs.
    <form
      class="ops-card ops-key"
      method="post"
      action="#"
      onSubmit={(event) => {
        event.preventDefault();
        if (typed().trim()) props.onKey(typed().trim());
      }}
    >
      <h2>Operator key</h2>
      <p class="ops-hint">The server's ADMIN_API_KEY. It is kept in this tab until you close it.</p>
      <Show when={props.refused}>
        <p class="ops-error" role="alert">
          The key was refused. Check it and enter it again.
        </p>
      </Show>
      <label>
        Key
        <input
          name="key"
          type="password"
          autocomplete="off"
          required
          value={typed()}
          onInput={(event) => setTyped(event.currentTarget.value)}
        />
      </label>
      <button type="submit">Open the dashboard</button>
    </form>
  );
}

function RangeForm(props: { range: { from: string; to: string }; onChange: (range: { from: string; to: string }) => void }) {
  const [from, setFrom] = createSignal(props.range.from);
  const [to, setTo] = createSignal(props.range.to);
  const problem = () => {
    if (!from() || !to()) return 'Choose both days.';
    if (from() > to()) return 'The first day is after the last.';
    if (Date.parse(to()) - Date.parse(from()) >= MAX_DAYS * DAY_MS) return `At most ${MAX_DAYS} days.`;
    return undefined;
  };
  return (
    <form
      class="ops-range"
      onSubmit={(event) => {
        event.preventDefault();
        if (!problem()) props.onChange({ from: from(), to: to() });
      }}
    >
      <label>
        From <input name="from" type="date" value={from()} onInput={(event) => setFrom(event.currentTarget.value)} />
      </label>
      <label>
        to <input name="to" type="date" value={to()} onInput={(event) => setTo(event.currentTarget.value)} />
      </label>
      <span class="ops-hint">UTC days</span>
      <button type="submit" disabled={Boolean(problem())}>
        Show
      </button>
      <Show when={problem()}>{(text) => <span class="ops-error">{text()}</span>}</Show>
    </form>
  );
}

function Steps(props: { title: string; steps: FunnelStep[]; id: string; note?: string }) {
  const widest = () => Math.max(1, ...props.steps.map((step) => step.count));
  return (
    <section class="ops-card" data-funnel={props.id}>
      <h2>{props.title}</h2>
      <Show when={props.note}>
        <p class="ops-hint">{props.note}</p>
      </Show>
      <table class="ops-steps">
        <tbody>
          <For each={props.steps}>
            {(step) => (
              <tr>
                <th scope="row">{step.label}</th>
                <td class="ops-bar-cell">
                  <div class="ops-bar" style={{ width: `${(step.count / widest()) * 100}%` }} />
                </td>
                <td class="num" data-step={step.label}>
                  {step.count}
                </td>
                <td class="num ops-hint" title="Share of the step before">
                  {percent(step.ofPrevious)}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}

function Dashboard(props: { funnel: Funnel }) {
  const dates = () => props.funnel.days.map((day) => day.date);
  const perDay = (pick: (day: Funnel['days'][number]) => number) => props.funnel.days.map(pick);
  const stagePerDay = (stage: string) => perDay((day) => day.stages.find((count) => count.stage === stage)?.count ?? 0);
  return (
    <div class="ops-dashboard" data-from={props.funnel.from} data-to={props.funnel.to}>
      <p class="ops-hint">
        {props.funnel.from} – {props.funnel.to}, UTC days. The percentages are each step's share of the step before.
      </p>
      <div class="ops-grid">
        <Steps id="registrations" title="Master registrations" steps={registrationSteps(props.funnel)} />
        <Steps
          id="clients"
          title="Clients"
          steps={clientSteps(props.funnel)}
          note="Opens, searches and slot views are the app's reports; bookings are counted in the database."
        />
        <Steps id="stages" title="Drop-off by WebApp stage" steps={stageSteps(props.funnel)} />
      </div>
      <DayChart
        title="Bookings per day by source"
        dates={dates()}
        bars
        series={[
          { label: 'Client', metric: 'clientBookings', color: '#3390ec', values: perDay((day) => day.clientBookings) },
          { label: 'Master', metric: 'masterBookings', color: '#e8743b', values: perDay((day) => day.masterBookings) },
        ]}
      />
      <DayChart
        title="Partner pulls per day"
        dates={dates()}
        bars
        series={[{ label: 'Pulls', metric: 'partnerPulls', color: '#7b5cd6', values: perDay((day) => day.partnerPulls) }]}
      />
      <DayChart
        title="Master registrations per day"
        dates={dates()}
        series={[
          { label: 'Started', metric: 'registrationsStarted', color: '#8b93a7', values: perDay((day) => day.registrationsStarted) },
          { label: 'All steps saved', metric: 'onboardingsFinished', color: '#3390ec', values: perDay((day) => day.onboardingsFinished) },
          { label: 'Activated', metric: 'registrationsCompleted', color: '#2e9d5b', values: perDay((day) => day.registrationsCompleted) },
        ]}
      />
      <DayChart
        title="Client funnel per day"
        dates={dates()}
        series={[
          { label: 'Opens', metric: 'app_opened', color: '#8b93a7', values: stagePerDay('app_opened') },
          { label: 'Searches', metric: 'search', color: '#3390ec', values: stagePerDay('search') },
          { label: 'Slot views', metric: 'slot_viewed', color: '#e8743b', values: stagePerDay('slot_viewed') },
          { label: 'Bookings', metric: 'clientBookingsPerDay', color: '#2e9d5b', values: perDay((day) => day.clientBookings) },
        ]}
      />
    </div>
  );
}
