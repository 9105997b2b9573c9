/** Reveals: the logged moments an image is shown more than blurred and grayscale; the clear preview's gate. */
export { beginReveal, checkClearAllowed, clearServed, endReveal, logRevealStep, REVEAL_MAX_OPEN_MS, type RevealDeps } from './reveals';
