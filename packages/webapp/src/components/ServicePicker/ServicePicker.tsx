import { For, Show } from 'solid-js';
import { t } from '../../i18n/index.ts';
import './ServicePicker.css';

/** A catalogue service, as far as choosing one needs it. */
export interface PickableService {
  id: string;
  name: string;
  category: string;
}

interface ServicePickerProps<Service extends PickableService> {
  /** The id of the element that names the choice. */
  labelledBy: string;
  /** In catalogue order; shown by category. */
  services: readonly Service[];
  selectedId: string | undefined;
  onSelect: (service: Service) => void;
  /** A figure after a service's name (how many masters offer it), with how to read it out. */
  badge?: (service: Service) => { text: string; label: string } | undefined;
}

/** Catalogue services by category, one to choose: the client's search and the master's new service both ask so. */
export function ServicePicker<Service extends PickableService>(props: ServicePickerProps<Service>) {
  const categories = () => {
    const byCategory = new Map<string, Service[]>();
    for (const service of props.services) byCategory.set(service.category, [...(byCategory.get(service.category) ?? []), service]);
    return [...byCategory.entries()];
  };

  return (
    <div class="service-picker" role="radiogroup" aria-labelledby={props.labelledBy}>
      <For each={categories()}>
        {([category, list]) => (
          <div class="service-picker__category">
            {/* One category needs no heading: the services say what they are. */}
            <Show when={categories().length > 1}>
              <p class="service-picker__category-name">{t().catalog.categories[category] ?? category}</p>
            </Show>
            <div class="chips">
              <For each={list}>
                {(service) => {
                  const badge = () => props.badge?.(service);
                  return (
                    <button
                      type="button"
                      role="radio"
                      class="chip service-picker__service"
                      aria-checked={service.id === props.selectedId}
                      aria-label={badge() ? `${service.name}, ${badge()!.label}` : undefined}
                      onClick={() => props.onSelect(service)}
                    >
                      {service.name}
                      <Show when={badge()}>
                        {(shown) => (
                          <span class="service-picker__badge" aria-hidden="true">
                            {shown().text}
                          </span>
                        )}
                      </Show>
                    </button>
                  );
                }}
              </For>
            </div>
          </div>
        )}
      </For>
    </div>
  );
}
