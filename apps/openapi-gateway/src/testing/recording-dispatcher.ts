import type { ApiCall, ApiDispatcher, ApiResult } from '@ecs/contracts';

/** Records every call and answers with whatever the test decides. */
export class RecordingDispatcher implements ApiDispatcher {
  readonly calls: ApiCall[] = [];

  constructor(private readonly answer: (call: ApiCall) => Promise<ApiResult> = async () => ({})) {}

  async dispatch(call: ApiCall): Promise<ApiResult> {
    this.calls.push(call);
    return this.answer(call);
  }

  get lastCall(): ApiCall {
    const call = this.calls.at(-1);
    if (!call) throw new Error('the dispatcher was never called');
    return call;
  }
}
