/** The browser-mode transport: the one API over HTTP + WebSocket on 127.0.0.1. */
export { startWebHost, type WebHost, type WebHostOptions } from './server';
export { contentSecurityPolicy } from './csp';
