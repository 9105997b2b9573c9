/**
 * Value formats the workstation and the upstream share on the wire. Kept here, under electron/api,
 * because the renderer may import electron/api but never upstream/.
 */
import { z } from 'zod';

export const Id = z.string().min(1).max(200);
export const DateTime = z.iso.datetime({ offset: true });
export const hex = (length: number) =>
  z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `must be ${length} lowercase hex characters`);
