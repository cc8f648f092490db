import type { Role, Session } from './types';

const RANK: Role[] = ['viewer', 'sales_admin', 'super_admin'];

/** Hides what the server would refuse anyway; the server is the one that enforces roles. */
export const canDo = (session: Session, role: Role) => RANK.indexOf(session.role) >= RANK.indexOf(role);
