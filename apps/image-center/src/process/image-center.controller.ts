import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import {
  IMAGE_CENTER_ROUTES,
  IMAGE_SERVICE,
  type CopyImageCommand,
  type CreateImageCommand,
  type DeleteImageCommand,
  type ImageService,
  type ImportImageCommand,
  type ImportImageResult,
  type ModifyImageAttributeCommand,
} from '@ecs/contracts';

/** ImageService over HTTP for the business layer: one route per method (libs/contracts IMAGE_CENTER_ROUTES). */
@Controller()
export class ImageCenterController {
  constructor(@Inject(IMAGE_SERVICE) private readonly images: ImageService) {}

  @Post(IMAGE_CENTER_ROUTES.importImage)
  @HttpCode(200)
  importImage(@Body() command: ImportImageCommand): Promise<ImportImageResult> {
    return this.images.importImage(command);
  }

  @Post(IMAGE_CENTER_ROUTES.createImage)
  @HttpCode(200)
  createImage(@Body() command: CreateImageCommand): Promise<{ imageId: string }> {
    return this.images.createImage(command);
  }

  @Post(IMAGE_CENTER_ROUTES.copyImage)
  @HttpCode(200)
  copyImage(@Body() command: CopyImageCommand): Promise<{ imageId: string }> {
    return this.images.copyImage(command);
  }

  @Post(IMAGE_CENTER_ROUTES.deleteImage)
  @HttpCode(204)
  deleteImage(@Body() command: DeleteImageCommand): Promise<void> {
    return this.images.deleteImage(command);
  }

  @Post(IMAGE_CENTER_ROUTES.modifyImageAttribute)
  @HttpCode(204)
  modifyImageAttribute(@Body() command: ModifyImageAttributeCommand): Promise<void> {
    return this.images.modifyImageAttribute(command);
  }
}
