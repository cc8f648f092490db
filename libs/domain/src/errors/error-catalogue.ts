/**
 * The ECS error catalogue: every error a tenant can see, with its HTTP status and default message.
 * Codes and statuses follow the public ECS API's error centre.
 */
export const ECS_ERRORS = {
  // signature and identity
  IncompleteSignature: { status: 400, message: 'The request signature does not conform to Aliyun standards.' },
  SignatureDoesNotMatch: { status: 400, message: 'Specified signature is not matched with our calculation.' },
  'InvalidAccessKeyId.NotFound': { status: 404, message: 'Specified access key is not found.' },
  'InvalidAccessKeyId.Inactive': { status: 400, message: 'Specified access key is disabled.' },
  SignatureNonceUsed: { status: 400, message: 'Specified signature nonce was used already.' },
  'InvalidTimeStamp.Expired': { status: 400, message: 'Specified time stamp or date value is expired.' },
  'InvalidTimeStamp.Format': { status: 400, message: 'Specified time stamp or date value is not well formatted.' },
  'Throttling.User': { status: 400, message: 'Request was denied due to user flow control.' },
  UnsupportedSignatureMethod: { status: 400, message: 'Specified signature method is not supported.' },
  // request shape
  MissingParameter: { status: 400, message: 'A required parameter is not specified.' },
  InvalidParameter: { status: 400, message: 'The specified parameter is not valid.' },
  'InvalidAction.NotFound': { status: 404, message: 'Specified api is not found, please check your url and method.' },
  'InvalidVersion': { status: 400, message: 'Specified parameter Version is not valid.' },
  'InvalidRegionId.NotFound': { status: 404, message: 'The specified RegionId does not exist.' },
  'InvalidZoneId.NotFound': { status: 404, message: 'The specified zone does not exist.' },
  'InvalidInstanceType.NotFound': { status: 404, message: 'The specified InstanceType does not exist.' },
  'InvalidImageId.NotFound': { status: 404, message: 'The specified ImageId does not exist.' },
  'InvalidInstanceName.Malformed': { status: 400, message: 'Specified instance name is not valid.' },
  'InvalidHostName.Malformed': { status: 400, message: 'Specified host name is not valid.' },
  'InvalidDescription.Malformed': { status: 400, message: 'Specified description is not valid.' },
  'InvalidUserData.SizeExceeded': { status: 400, message: 'The specified UserData exceeds the size limit.' },
  'InvalidUserData.Base64FormatInvalid': { status: 400, message: 'The specified UserData is not valid Base64.' },
  'RequestEntityTooLarge': { status: 413, message: 'The request body exceeds the size limit.' },
  // resources and state
  'InvalidInstanceId.NotFound': { status: 404, message: 'The specified InstanceId does not exist.' },
  IncorrectInstanceStatus: { status: 403, message: 'The current status of the resource does not support this operation.' },
  IdempotentParameterMismatch: { status: 400, message: 'Request uses a client token in a previous request but is not identical to that request.' },
  DryRunOperation: { status: 400, message: 'Request validation has been passed with DryRun flag set.' },
  'OperationDenied.NoStock': { status: 403, message: 'Sales of this resource are temporarily suspended in the specified region; please try again later.' },
  'Zone.NotOnSale': { status: 403, message: 'The specified zone is not available for purchase.' },
  'InvalidInstanceType.NotSupported': { status: 403, message: 'The specified InstanceType is not on sale in this zone.' },
  'QuotaExceed.Instance': { status: 403, message: 'The quota of instances is exceeded.' },
  'QuotaExceed.Cpu': { status: 403, message: 'The quota of vCPUs is exceeded.' },
  'InvalidDeploymentSetId.NotFound': { status: 404, message: 'The specified DeploymentSetId does not exist.' },
  'DependencyViolation.NotEmpty': { status: 403, message: 'There are still instance(s) in the specified DeploymentSetId.' },
  'InvalidInstanceType.ValueUnchanged': { status: 400, message: 'The specified InstanceType is the same as the current one.' },
  LastTokenProcessing: { status: 403, message: 'The last token request is processing.' },
  // images
  'InvalidImageName.Malformed': { status: 400, message: 'Specified image name is not valid.' },
  IncorrectImageStatus: { status: 403, message: 'The current status of the image does not support this operation.' },
  ImageUsingByInstance: { status: 403, message: 'The specified image has been used to create instances. You can use the DescribeInstances API to query these instances, or you can use the force parameter to proceed.' },
  'OperationDenied.ImportSource': { status: 403, message: 'The image center does not fetch images from the specified address.' },
  // platform
  InternalError: { status: 500, message: 'The request processing has failed due to some unknown error, exception or failure.' },
  ServiceUnavailable: { status: 503, message: 'The request has failed due to a temporary failure of the server.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type EcsErrorCode = keyof typeof ECS_ERRORS;

/** An error a tenant may see: carries the ECS code, HTTP status, message and a Recommend hint. */
export class EcsError extends Error {
  readonly status: number;

  constructor(
    readonly code: EcsErrorCode,
    message?: string,
    readonly recommend?: string,
  ) {
    super(message ?? ECS_ERRORS[code].message);
    this.name = 'EcsError';
    this.status = ECS_ERRORS[code].status;
  }

  static missing(parameter: string): EcsError {
    return new EcsError('MissingParameter', `The input parameter "${parameter}" that is mandatory for processing this request is not supplied.`);
  }

  static invalid(parameter: string, why: string): EcsError {
    return new EcsError('InvalidParameter', `The specified parameter "${parameter}" is not valid: ${why}`);
  }
}

export function isEcsError(error: unknown): error is EcsError {
  return error instanceof EcsError;
}
