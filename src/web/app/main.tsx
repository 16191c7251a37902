import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { setApiToken } from './lib/api-client.js';
import { takeSessionToken } from './lib/session-token.js';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  const token = takeSessionToken();
  if (token) setApiToken(token);
  createRoot(root).render(
    <StrictMode>
      <App hasToken={token !== null} />
    </StrictMode>,
  );
}
