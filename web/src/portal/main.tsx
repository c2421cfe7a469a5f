import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PortalApp } from './PortalApp.tsx';
import './portal.css';

const container = document.getElementById('portal');
if (container === null) throw new Error('portal.html lacks #portal');

createRoot(container).render(
  <StrictMode>
    <PortalApp />
  </StrictMode>,
);
