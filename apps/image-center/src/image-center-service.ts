import type {
  CopyImageCommand,
  CreateImageCommand,
  DeleteImageCommand,
  ImageService,
  ImportImageCommand,
  ImportImageResult,
  ModifyImageAttributeCommand,
} from '@ecs/contracts';
import type { ImageCenterDeps } from './image-center-deps';
import { CopyImage } from './use-cases/copy-image.use-case';
import { CreateImage } from './use-cases/create-image.use-case';
import { DeleteImage } from './use-cases/delete-image.use-case';
import { ImportImage } from './use-cases/import-image.use-case';
import { ModifyImageAttribute } from './use-cases/modify-image-attribute.use-case';

/** The ImageService port the business layer calls: one use case per action. */
export class ImageCenterService implements ImageService {
  private readonly importUseCase: ImportImage;
  private readonly createUseCase: CreateImage;
  private readonly copyUseCase: CopyImage;
  private readonly deleteUseCase: DeleteImage;
  private readonly modifyUseCase: ModifyImageAttribute;

  constructor(deps: ImageCenterDeps) {
    this.importUseCase = new ImportImage(deps);
    this.createUseCase = new CreateImage(deps);
    this.copyUseCase = new CopyImage(deps);
    this.deleteUseCase = new DeleteImage(deps);
    this.modifyUseCase = new ModifyImageAttribute(deps);
  }

  importImage(command: ImportImageCommand): Promise<ImportImageResult> {
    return this.importUseCase.execute(command);
  }

  createImage(command: CreateImageCommand): Promise<{ imageId: string }> {
    return this.createUseCase.execute(command);
  }

  copyImage(command: CopyImageCommand): Promise<{ imageId: string }> {
    return this.copyUseCase.execute(command);
  }

  deleteImage(command: DeleteImageCommand): Promise<void> {
    return this.deleteUseCase.execute(command);
  }

  modifyImageAttribute(command: ModifyImageAttributeCommand): Promise<void> {
    return this.modifyUseCase.execute(command);
  }
}
