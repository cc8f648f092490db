export { RegionRouter, type RegionRouterConfig } from './routing/region-router';
export { ECS_ACTION_SCOPES, ECS_API_VERSION, type ActionScope } from './routing/ecs-actions';
