/** What a request says about itself before its signature is checked. */
export interface SignatureClaims {
  readonly accessKeyId: string;
  readonly action: string;
  readonly version: string;
  readonly timestamp: string;
  readonly nonce: string;
}
