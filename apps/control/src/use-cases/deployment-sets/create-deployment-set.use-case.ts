import type { CreateDeploymentSetCommand } from '@ecs/contracts';
import { newResourceId } from '@ecs/domain';
import { DeploymentSetEntity, type DeploymentSetRepository } from '@ecs/persistence';

export class CreateDeploymentSetUseCase {
  constructor(private readonly sets: DeploymentSetRepository) {}

  async execute(command: CreateDeploymentSetCommand): Promise<{ deploymentSetId: string }> {
    const deploymentSetId = newResourceId('ds');
    await this.sets.create(
      Object.assign(new DeploymentSetEntity(), {
        deploymentSetId,
        accountId: command.accountId,
        regionId: command.regionId,
        name: command.name,
        description: command.description,
        strategy: command.strategy,
        createdAt: Date.now(),
      }),
    );
    return { deploymentSetId };
  }
}
