import type { Route } from '../http/router';
import { assignmentRoutes } from './assignments';
import { auditRoutes } from './audit';
import { authRoutes } from './auth';
import { decisionRoutes } from './decisions';
import { enforcementRoutes } from './enforcement';
import { healthRoute, mediaRoute, policyRoute } from './misc';
import { reportRoutes } from './reports';
import { syncRoutes } from './sync';
import { wellnessRoutes } from './wellness';

/** Every route the service answers; tests/integration/upstream checks this against openapi.yaml. */
export const ROUTES: readonly Route[] = [
  healthRoute,
  ...authRoutes,
  policyRoute,
  ...assignmentRoutes,
  mediaRoute,
  ...decisionRoutes,
  ...enforcementRoutes,
  ...reportRoutes,
  ...syncRoutes,
  ...auditRoutes,
  ...wellnessRoutes,
];
