import type { ApiCall, ApiResult, CatalogReader, ConsoleOutputReader, ControlApi, ImageService } from '@ecs/contracts';

/** What every tenant action of one region's business layer works with. */
export interface TenantApiDeps {
  readonly control: ControlApi;
  readonly catalog: CatalogReader;
  /** The region this business layer serves; the API proxy routes only this region's calls here. */
  readonly regionId: string;
  /** The image center (ImportImage, CreateImage, CopyImage, DeleteImage, ModifyImageAttribute); those actions exist only when it is wired. */
  readonly images?: ImageService;
  /** The hosts' serial consoles (GetInstanceConsoleOutput); the action exists only when it is wired. */
  readonly consoleOutput?: ConsoleOutputReader;
}

/** One ECS action: parses the call's parameters into a command, runs it, shapes the ECS response. */
export interface TenantActionHandler {
  readonly action: string;
  handle(call: ApiCall): Promise<ApiResult>;
}
