import { createUniqueId, For, type JSX, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { formatDuration } from '../../format/duration.ts';
import { formatMoney } from '../../format/money.ts';
import { locale, t } from '../../i18n/index.ts';
import type { StorefrontMaster, StorefrontService } from './publicView.ts';
import './MasterStorefront.css';

interface MasterStorefrontProps {
  master: StorefrontMaster;
  selectedId: string | undefined;
  onSelect: (service: StorefrontService) => void;
  /** `h1` on the master's own page; `h2` where the storefront is a part of another page (the review's preview). */
  titleTag?: 'h1' | 'h2';
  /** What follows the services: the free time, on the client's page. */
  children?: JSX.Element;
}

/**
 * A master's public page: name, where, about, and the services to choose from. The client's
 * master page and the master's review screen both show it, so that the preview is the page.
 * Shared by both roles: it reads only the shared texts.
 */
export function MasterStorefront(props: MasterStorefrontProps) {
  const servicesId = createUniqueId();
  const titleTag = () => props.titleTag ?? 'h1';
  const place = () => [props.master.city?.name, props.master.address ?? props.master.area].filter(Boolean).join(', ');
  const areaOnly = () => !props.master.address && Boolean(props.master.area);

  return (
    <div class="storefront">
      <header class="storefront__header">
        <span class="avatar storefront__avatar" aria-hidden="true">
          {props.master.displayName.trim().charAt(0).toUpperCase()}
        </span>
        <div class="storefront__heading">
          <Dynamic component={titleTag()} class="storefront__name">
            {props.master.displayName}
          </Dynamic>
          <Show when={place()}>{(text) => <p class="storefront__place">{text()}</p>}</Show>
          <Show when={areaOnly()}>
            <p class="storefront__area-note">{t().storefront.areaNote}</p>
          </Show>
        </div>
      </header>
      <Show when={props.master.about}>{(about) => <p class="storefront__about">{about()}</p>}</Show>

      <div class="section">
        <Dynamic component={titleTag() === 'h1' ? 'h2' : 'h3'} class="section__header" id={servicesId}>
          {t().storefront.services}
        </Dynamic>
        <Show when={props.master.services.length > 0} fallback={<p class="hint storefront__empty">{t().storefront.noServices}</p>}>
          <ul class="card storefront__services" role="radiogroup" aria-labelledby={servicesId}>
            <For each={props.master.services}>
              {(service) => (
                <li>
                  <button
                    type="button"
                    role="radio"
                    class="storefront__service"
                    aria-checked={service.id === props.selectedId}
                    onClick={() => props.onSelect(service)}
                  >
                    <span class="storefront__service-text">
                      <span class="storefront__service-name">{service.name}</span>
                      <Show when={service.description}>
                        {(description) => <span class="storefront__service-description">{description()}</span>}
                      </Show>
                      <span class="hint">{formatDuration(service.durationMinutes, locale())}</span>
                    </span>
                    <span class="storefront__price">{formatMoney(service.price, locale())}</span>
                    <span class="storefront__check" aria-hidden="true" />
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
      {props.children}
    </div>
  );
}
