import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { API_DISPATCHER, DISPATCH_ROUTE, type ApiCall, type ApiDispatcher, type ApiResult } from '@ecs/contracts';

/**
 * One hop of the request path (api-proxy, business) as an internal route. The call's caller was
 * established by the gateway; it is trusted here only because the internal token proves the sender.
 */
@Controller()
export class DispatchController {
  constructor(@Inject(API_DISPATCHER) private readonly dispatcher: ApiDispatcher) {}

  @Post(DISPATCH_ROUTE)
  @HttpCode(200)
  dispatch(@Body() call: ApiCall): Promise<ApiResult> {
    return this.dispatcher.dispatch(call);
  }
}
