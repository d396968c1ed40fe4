import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { startApp } from './app/start';
import './app/global.css';

const root = document.getElementById('root');
if (!root) throw new Error('memscope: #root element missing from index.html');
const services = startApp();
createRoot(root).render(
  <StrictMode>
    <App services={services} />
  </StrictMode>,
);
