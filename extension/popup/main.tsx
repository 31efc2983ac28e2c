import { render } from 'preact';
import { App } from './App.tsx';

document.body.classList.add('popup');
render(<App />, document.getElementById('app')!);
