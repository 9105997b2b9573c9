/** Reveals: the logged moments an image is shown clear (whole, or a lens region); the clear preview's gate. */
export { beginReveal, checkClearAllowed, clearServed, endReveal, REVEAL_MAX_OPEN_MS, type RevealDeps } from './reveals';
