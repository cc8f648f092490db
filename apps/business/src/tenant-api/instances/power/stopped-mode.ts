/** ECS `StoppedMode` of StopInstance(s): whether a stopped pay-as-you-go instance keeps its resources (and charges). */
export const STOPPED_MODES = ['StopCharging', 'KeepCharging'] as const;
