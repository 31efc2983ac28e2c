import { render } from 'preact';
import { App } from './App.tsx';

document.title = 'cvlens';
render(<App />, document.getElementById('app')!);
