import { optionalDeploymentSetId, optionalSecurityGroupId, optionalVSwitchId } from './resource-ids';

describe('network resource id formats', () => {
  it('accepts well-formed ids', () => {
    expect(optionalVSwitchId({ VSwitchId: 'vsw-bp1s5fnvk4gn2tws03abc' })).toBe('vsw-bp1s5fnvk4gn2tws03abc');
    expect(optionalSecurityGroupId({ SecurityGroupId: 'sg-bp15ed6xe1yxeycg7oabc' })).toBe('sg-bp15ed6xe1yxeycg7oabc');
    expect(optionalDeploymentSetId({ DeploymentSetId: 'ds-bp13v7bjnj9gisnlo1ow' })).toBe('ds-bp13v7bjnj9gisnlo1ow');
    expect(optionalVSwitchId({})).toBeUndefined();
  });

  it('rejects ids of the wrong kind or shape as InvalidParameter naming the parameter', () => {
    for (const id of ['sg-abc', 'vsw-', 'vsw-ABC', 'vsw_abc', 'vsw-abc def', 'vpc-abc']) {
      expect(() => optionalVSwitchId({ VSwitchId: id })).toThrow(expect.objectContaining({ code: 'InvalidParameter', message: expect.stringContaining('VSwitchId') }));
    }
    for (const id of ['vsw-abc', 'sg-', 'sg-a.b']) {
      expect(() => optionalSecurityGroupId({ SecurityGroupId: id })).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
    }
    expect(() => optionalDeploymentSetId({ DeploymentSetId: 'd-1' })).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
  });
});
