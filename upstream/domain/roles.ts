export const ROLES = ['moderator', 'supervisor', 'wellness_lead'] as const;
export type Role = (typeof ROLES)[number];

export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}
