import type {
  ConsoleOutput,
  ConsoleOutputReader,
  CopyImageCommand,
  CreateImageCommand,
  DeleteImageCommand,
  ImageService,
  ImportImageCommand,
  ImportImageResult,
  ModifyImageAttributeCommand,
} from '@ecs/contracts';

/** An ImageService that records every command and answers with fixed ids. */
export class FakeImageService implements ImageService {
  readonly imports: ImportImageCommand[] = [];
  readonly creations: CreateImageCommand[] = [];
  readonly copies: CopyImageCommand[] = [];
  readonly deletions: DeleteImageCommand[] = [];
  readonly modifications: ModifyImageAttributeCommand[] = [];

  async importImage(command: ImportImageCommand): Promise<ImportImageResult> {
    this.imports.push(command);
    return { imageId: 'm-imported', taskId: 't-import' };
  }

  async createImage(command: CreateImageCommand): Promise<{ imageId: string }> {
    this.creations.push(command);
    return { imageId: 'm-created' };
  }

  async copyImage(command: CopyImageCommand): Promise<{ imageId: string }> {
    this.copies.push(command);
    return { imageId: 'm-copied' };
  }

  async deleteImage(command: DeleteImageCommand): Promise<void> {
    this.deletions.push(command);
  }

  async modifyImageAttribute(command: ModifyImageAttributeCommand): Promise<void> {
    this.modifications.push(command);
  }
}

/** Consoles by instance id. */
export class FakeConsoles implements ConsoleOutputReader {
  constructor(private readonly outputs: Record<string, ConsoleOutput> = {}) {}

  async consoleOutput(instanceId: string): Promise<ConsoleOutput | undefined> {
    return this.outputs[instanceId];
  }
}
