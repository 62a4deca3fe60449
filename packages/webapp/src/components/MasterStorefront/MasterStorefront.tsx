import { createSignal, createUniqueId, For, type JSX, lazy, Show, Suspense } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { formatDuration } from '../../format/duration.ts';
import { formatMoney } from '../../format/money.ts';
import { locale, t } from '../../i18n/index.ts';
import { Avatar } from '../Avatar/Avatar.tsx';
import { RatingSummary } from '../Rating/Rating.tsx';
import type { StorefrontMaster, StorefrontService } from './publicView.ts';
import { StorefrontReviews } from './StorefrontReviews.tsx';
import './MasterStorefront.css';

// Most visits never open a photo: the viewer is a chunk of its own, loaded on the first tap.
const PhotoViewer = lazy(() => import('../PhotoViewer/PhotoViewer.tsx').then((module) => ({ default: module.PhotoViewer })));

interface MasterStorefrontProps {
  master: StorefrontMaster;
  selectedId: string | undefined;
  onSelect: (service: StorefrontService) => void;
  /** `h1` on the master's own page; `h2` where the storefront is a part of another page (the review's preview). */
  titleTag?: 'h1' | 'h2';
  /** Told when the photo viewer opens and closes: Telegram's main button belongs under it, not over it. */
  onViewing?: (viewing: boolean) => void;
  /** What follows the services: the free time, on the client's page. */
  children?: JSX.Element;
}

/**
 * A master's public page: photo, name, where, rating, about, their work, the services to choose
 * from, and the latest reviews. The client's master page and the master's review screen both show
 * it, so that the preview is the page. Shared by both roles: it reads only the shared texts.
 */
export function MasterStorefront(props: MasterStorefrontProps) {
  const ids = { services: createUniqueId(), photos: createUniqueId(), reviews: createUniqueId() };
  const titleTag = () => props.titleTag ?? 'h1';
  const sectionTag = () => (titleTag() === 'h1' ? 'h2' : 'h3');
  const place = () => [props.master.city?.name, props.master.address ?? props.master.area].filter(Boolean).join(', ');
  const areaOnly = () => !props.master.address && Boolean(props.master.area);
  const [viewing, setViewing] = createSignal<number>();
  let reviewsSection: HTMLElement | undefined;

  const view = (index: number | undefined) => {
    setViewing(index);
    props.onViewing?.(index !== undefined);
  };
  const chooseService = (serviceId: string) => {
    const service = props.master.services.find((offered) => offered.id === serviceId);
    view(undefined);
    if (service) props.onSelect(service);
  };

  return (
    <div class="storefront">
      <header class="storefront__header">
        <Avatar name={props.master.displayName} url={props.master.avatarUrl} class="storefront__avatar" />
        <div class="storefront__heading">
          <Dynamic component={titleTag()} class="storefront__name">
            {props.master.displayName}
          </Dynamic>
          <Show when={place()}>{(text) => <p class="storefront__place">{text()}</p>}</Show>
          <Show when={areaOnly()}>
            <p class="storefront__area-note">{t().storefront.areaNote}</p>
          </Show>
          <Show when={props.master.rating.count > 0}>
            <button
              type="button"
              class="storefront__rating"
              onClick={() => reviewsSection?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
            >
              <RatingSummary rating={props.master.rating} />
            </button>
          </Show>
        </div>
      </header>
      <Show when={props.master.about}>{(about) => <p class="storefront__about">{about()}</p>}</Show>

      <Show when={props.master.photos.length > 0}>
        <div class="section">
          <Dynamic component={sectionTag()} class="section__header" id={ids.photos}>
            {t().storefront.portfolio}
          </Dynamic>
          <ul class="storefront__photos" aria-labelledby={ids.photos}>
            <For each={props.master.photos}>
              {(photo, index) => (
                <li class="storefront__photo">
                  <button
                    type="button"
                    class="storefront__photo-button"
                    aria-label={t().storefront.openPhoto(index() + 1, props.master.photos.length)}
                    onClick={() => view(index())}
                  >
                    <img
                      class="storefront__photo-image"
                      src={photo.thumbUrl}
                      width={photo.width}
                      height={photo.height}
                      alt={photo.caption ?? ''}
                      loading="lazy"
                      decoding="async"
                    />
                  </button>
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>

      <div class="section">
        <Dynamic component={sectionTag()} class="section__header" id={ids.services}>
          {t().storefront.services}
        </Dynamic>
        <Show when={props.master.services.length > 0} fallback={<p class="hint storefront__empty">{t().storefront.noServices}</p>}>
          <ul class="card storefront__services" role="radiogroup" aria-labelledby={ids.services}>
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

      <Show when={props.master.reviews.latest.length > 0}>
        <section class="section" ref={reviewsSection} aria-labelledby={ids.reviews}>
          <Dynamic component={sectionTag()} class="section__header" id={ids.reviews}>
            {t().storefront.reviews}
          </Dynamic>
          <StorefrontReviews master={props.master} />
        </section>
      </Show>

      <Show when={viewing() !== undefined}>
        <Suspense>
          <PhotoViewer photos={props.master.photos} start={viewing()!} onClose={() => view(undefined)} onChooseService={chooseService} />
        </Suspense>
      </Show>
    </div>
  );
}
