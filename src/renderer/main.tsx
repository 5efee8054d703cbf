import './styles/base.css';
import './styles/layout.css';
import './styles/table.css';
import './styles/form.css';
import './styles/data.css';
import './styles/graph.css';
import './styles/rollouts.css';
// Applies the remembered theme before the first paint.
import './app/theme-store';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { normalizeHash } from './app/use-route';

normalizeHash();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
