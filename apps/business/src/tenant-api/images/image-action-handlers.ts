import type { TenantActionHandler, TenantApiDeps } from '../tenant-action';
import { CopyImageHandler } from './copy-image.handler';
import { CreateImageHandler } from './create-image.handler';
import { DeleteImageHandler } from './delete-image.handler';
import { GetInstanceConsoleOutputHandler } from './get-instance-console-output.handler';
import { ImportImageHandler } from './import-image.handler';
import { ModifyImageAttributeHandler } from './modify-image-attribute.handler';

/** The image center's actions and GetInstanceConsoleOutput, for whichever of their ports is wired. */
export function imageActionHandlers(deps: TenantApiDeps): TenantActionHandler[] {
  const handlers: TenantActionHandler[] = [];
  const { images, consoleOutput } = deps;
  if (images !== undefined) {
    handlers.push(
      new ImportImageHandler(deps, images),
      new CreateImageHandler(deps, images),
      new CopyImageHandler(deps, images),
      new DeleteImageHandler(deps, images),
      new ModifyImageAttributeHandler(deps, images),
    );
  }
  if (consoleOutput !== undefined) handlers.push(new GetInstanceConsoleOutputHandler(deps, consoleOutput));
  return handlers;
}
