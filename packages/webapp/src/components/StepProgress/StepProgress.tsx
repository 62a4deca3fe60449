import { Index } from 'solid-js';
import { tm } from '../../i18n/master.ts';
import './StepProgress.css';

interface StepProgressProps {
  /** 1-based; `total + 1` once every step is behind. */
  current: number;
  total: number;
  /** The current step's name. */
  label: string;
}

/** "Step 2 of 5" with a segmented bar, done segments filled. */
export function StepProgress(props: StepProgressProps) {
  return (
    <div
      class="step-progress"
      role="progressbar"
      aria-valuemin={1}
      aria-valuemax={props.total}
      aria-valuenow={Math.min(props.current, props.total)}
      aria-valuetext={`${tm().wizard.stepOf(Math.min(props.current, props.total), props.total)}: ${props.label}`}
    >
      <div class="step-progress__text">
        <span>{tm().wizard.stepOf(Math.min(props.current, props.total), props.total)}</span>
        <span class="step-progress__label">{props.label}</span>
      </div>
      <div class="step-progress__bar" aria-hidden="true">
        <Index each={Array.from({ length: props.total })}>
          {(_, index) => (
            <span
              class="step-progress__segment"
              data-state={index + 1 < props.current ? 'done' : index + 1 === props.current ? 'current' : 'todo'}
            />
          )}
        </Index>
      </div>
    </div>
  );
}
