import { createUniqueId, For, Show } from 'solid-js';
import { tc } from '../../i18n/client.ts';
import { FieldError } from '../Field/Field.tsx';
import { CONTACT_CHANNELS, type ContactChannel, toggleChannel } from './contactChannels.ts';
import './ContactChannels.css';

interface ContactChannelsProps {
  label: string;
  hint: string;
  /** The ticked channels, most convenient first. */
  channels: readonly ContactChannel[];
  onChange: (channels: ContactChannel[]) => void;
  error?: string;
}

/** How masters may contact the client: channels ticked in the order of preference, numbered when more than one. */
export function ContactChannels(props: ContactChannelsProps) {
  const labelId = createUniqueId();
  return (
    <div class="field" data-invalid={props.error ? 'true' : undefined}>
      <span class="field__label" id={labelId}>
        {props.label}
      </span>
      <div class="chips" role="group" aria-labelledby={labelId}>
        <For each={CONTACT_CHANNELS}>
          {(channel) => (
            <button
              type="button"
              class="chip contact-channels__channel"
              aria-pressed={props.channels.includes(channel)}
              onClick={() => props.onChange(toggleChannel(props.channels, channel))}
            >
              <Show when={props.channels.length > 1 && props.channels.includes(channel)}>
                <span class="contact-channels__rank">{props.channels.indexOf(channel) + 1}</span>
              </Show>
              {tc().clientBooking.channel[channel]}
            </button>
          )}
        </For>
      </div>
      <Show when={props.error} fallback={<p class="field__hint">{props.hint}</p>}>
        {(problem) => <FieldError message={problem()} />}
      </Show>
    </div>
  );
}
