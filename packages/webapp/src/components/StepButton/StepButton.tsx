import { LineIcon } from '../LineIcon/LineIcon.tsx';
import './StepButton.css';

/** A round chevron button that steps a period back or forward (the calendar's days and weeks, the statistics' periods). */
export function StepButton(props: { direction: 'previous' | 'next'; label: string; onClick: () => void }) {
  return (
    <button type="button" class="step-button" aria-label={props.label} onClick={() => props.onClick()}>
      <LineIcon strokeWidth={2.4}>
        <path d={props.direction === 'previous' ? 'm15 5-7 7 7 7' : 'm9 5 7 7-7 7'} />
      </LineIcon>
    </button>
  );
}
