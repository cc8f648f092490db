import type { DomainSpec } from '@ecs/contracts';

/** One driver call a reconcile pass makes; a pass runs its actions in order. */
export type ReconcileAction =
  | { readonly kind: 'define'; readonly spec: DomainSpec }
  | {
      readonly kind: 'start';
      readonly instanceId: string;
      /** The desired generation this boot serves. */
      readonly generation: number;
      /** A fresh boot also satisfies any reboot asked for up to this generation. */
      readonly rebootGeneration: number | undefined;
    }
  | { readonly kind: 'reboot'; readonly instanceId: string; readonly generation: number; readonly rebootGeneration: number }
  | { readonly kind: 'shutdown'; readonly instanceId: string }
  | { readonly kind: 'destroy'; readonly instanceId: string }
  | { readonly kind: 'undefine'; readonly instanceId: string };

export function actionTarget(action: ReconcileAction): string {
  return action.kind === 'define' ? action.spec.instanceId : action.instanceId;
}
