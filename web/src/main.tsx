/** The dashboard's entry: take a `#token=…` link, then render the app. */
import { render } from 'preact';
import { App } from './app';
import { saveSession, sessionFromToken, takeFragmentToken } from './api/session';
import './styles.css';

const linked = takeFragmentToken();
let linkError: string | undefined;
if (linked) {
  try {
    saveSession(sessionFromToken(linked));
  } catch (e) {
    linkError = (e as Error).message;
  }
}

render(<App linkError={linkError} />, document.getElementById('app')!);
