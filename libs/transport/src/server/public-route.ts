import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'ecs:public-route';

/** Exempts a route from the internal token: only health endpoints, which reveal nothing. */
export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
