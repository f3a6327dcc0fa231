// `npm run build:web`: the dashboard into web/dist, changed files only (scripts/lib/build-web.mjs).
import { buildWeb } from './lib/build-web.mjs';

buildWeb();
