import { SetMetadata } from '@nestjs/common';
import type { OperatorRole } from '@ecs/contracts';

export const REQUIRED_ROLE = 'ecs:required-role';
export const PUBLIC_ROUTE = 'ecs:public-route';

/** The least role a route needs. A route without one needs super_admin: the guard fails closed. */
export const Requires = (role: OperatorRole) => SetMetadata(REQUIRED_ROLE, role);

/** Reachable without logging in (the login itself). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
