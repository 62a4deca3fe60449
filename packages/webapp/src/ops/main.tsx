import 'uplot/dist/uPlot.min.css';
import './ops.css';
import { render } from 'solid-js/web';
import { OpsApp } from './OpsApp.tsx';

render(() => <OpsApp />, document.getElementById('root')!);
