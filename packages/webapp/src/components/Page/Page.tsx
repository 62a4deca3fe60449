import { type ParentProps, Show } from 'solid-js';
import './Page.css';

interface PageProps {
  title: string;
  subtitle?: string;
}

export function Page(props: ParentProps<PageProps>) {
  return (
    <section class="page">
      <header class="page__header">
        <h1 class="page__title">{props.title}</h1>
        <Show when={props.subtitle}>
          <p class="page__subtitle">{props.subtitle}</p>
        </Show>
      </header>
      {props.children}
    </section>
  );
}
