/** Which instances were created from an image: DeleteImage refuses while there are any, unless forced. */
export interface ImageUsage {
  /** Ids of the instances (not deleted) whose system disk came from the image. */
  instancesUsing(imageId: string): Promise<string[]>;
}
