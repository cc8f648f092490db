import { EcsError } from '@ecs/domain';
import type { DeploymentSetRepository } from '@ecs/persistence';

export class DeleteDeploymentSetUseCase {
  constructor(private readonly sets: DeploymentSetRepository) {}

  async execute(accountId: string, regionId: string, deploymentSetId: string): Promise<void> {
    if (!(await this.sets.findOwned(accountId, regionId, deploymentSetId))) throw new EcsError('InvalidDeploymentSetId.NotFound');
    if (!(await this.sets.deleteIfEmpty(deploymentSetId))) throw new EcsError('DependencyViolation.NotEmpty');
  }
}
