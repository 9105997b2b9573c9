/**
 * Exposure: the model of how much a moderator was shown. Every preview core serves is recorded as
 * an event (image, harm category, severity, tier, colour, the share shown clear, how long); each
 * second counts by severity, clarity and colour. Totals per hour, shift, day and week come from
 * these events, and so do the daily aggregates uploaded per category.
 */
export { classifyImage, classifyItem, severityRank, type Classified } from './classify';
export { coveredFraction } from './coverage';
export {
  createExposureRecorder,
  EXPOSURE_EVENT_MAX_MS,
  peakClearSeconds,
  type ExposureDeps,
  type ExposureRecorder,
  type RevealExposure,
  type ServedView,
} from './recorder';
export { clearFraction, viewWeight, type View } from './weights';
