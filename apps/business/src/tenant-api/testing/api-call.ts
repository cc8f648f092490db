import type { ApiCall } from '@ecs/contracts';
import { ACCOUNT, REGION } from './catalog-fixture';

export function apiCall(action: string, params: Record<string, string> = {}, accountId = ACCOUNT): ApiCall {
  return {
    requestId: 'REQ-1',
    action,
    version: '2014-05-26',
    regionId: REGION,
    params,
    caller: { accountId, accessKeyId: 'LTAI-test' },
    sourceIp: '203.0.113.7',
  };
}
