import type { DeploymentSetQuery, DeploymentSetView } from '@ecs/contracts';
import type { DeploymentSetRepository } from '@ecs/persistence';

export class DescribeDeploymentSetsUseCase {
  constructor(private readonly sets: DeploymentSetRepository) {}

  async execute(query: DeploymentSetQuery): Promise<{ sets: DeploymentSetView[]; totalCount: number }> {
    const { rows, total } = await this.sets.query(query);
    const members = await this.sets.members(rows.map((r) => r.deploymentSetId));
    return {
      totalCount: total,
      sets: rows.map((r) => ({
        deploymentSetId: r.deploymentSetId,
        name: r.name,
        description: r.description,
        strategy: r.strategy,
        creationTime: new Date(r.createdAt).toISOString(),
        instanceIds: members.get(r.deploymentSetId) ?? [],
      })),
    };
  }
}
