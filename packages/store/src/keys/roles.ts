/** The roles of API keys, weakest first: each can do everything the ones before it can. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * Whether a key of `role` may do what `required` may: roles are cumulative (admin ⊇ analyst ⊇
 * viewer). Reading stored things needs viewer, writing analyst; keys, archiving and the audit
 * log need admin.
 */
export const hasRole = (role: Role, required: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(required);
