import { option, requireWord, UsageError, type ParsedArgs } from './cli-args';
import type { BastionHttp } from './bastion-http';
import { prompt } from './prompt';

/** Administration with the data dir's bootstrap token (or an admin's session): users, groups, grants. */
export async function runAdmin(http: BastionHttp, token: string, args: ParsedArgs, newPassword: string | undefined): Promise<unknown> {
  const [, area, verb] = args.words;
  switch (`${area ?? ''} ${verb ?? ''}`) {
    case 'users add': {
      const username = requireWord(args, 3, 'the user name');
      const password = newPassword ?? (await prompt(`initial password for ${username}: `, true));
      return http.call('POST', '/bastion/v1/users', { token, body: { username, password, roles: args.options.get('role') ?? [] } });
    }
    case 'users list':
      return http.call('GET', '/bastion/v1/users', { token });
    case 'users unlock':
      return http.call('POST', `/bastion/v1/users/${encodeURIComponent(requireWord(args, 3, 'the user name'))}/unlock`, { token });
    case 'users reset-totp':
      return http.call('POST', `/bastion/v1/users/${encodeURIComponent(requireWord(args, 3, 'the user name'))}/reset-totp`, { token });
    case 'user-group set':
      return http.call('PUT', `/bastion/v1/user-groups/${encodeURIComponent(requireWord(args, 3, 'the group name'))}`, { token, body: { members: args.words.slice(4) } });
    case 'host-group set':
      return http.call('PUT', `/bastion/v1/host-groups/${encodeURIComponent(requireWord(args, 3, 'the group name'))}`, { token, body: { hostIds: args.words.slice(4) } });
    case 'grants add':
      return http.call('POST', '/bastion/v1/grants', { token, body: grantBody(args) });
    case 'grants list':
      return http.call('GET', '/bastion/v1/grants', { token });
    case 'grants revoke':
      return http.call('DELETE', `/bastion/v1/grants/${encodeURIComponent(requireWord(args, 3, 'the grant id'))}`, { token });
    default:
      throw new UsageError(`unknown admin command: ${args.words.slice(1).join(' ') || '(none)'}`);
  }
}

function grantBody(args: ParsedArgs): Record<string, unknown> {
  const ttl = option(args, 'ttl');
  return {
    ...(option(args, 'user') !== undefined ? { user: option(args, 'user') } : {}),
    ...(option(args, 'group') !== undefined ? { group: option(args, 'group') } : {}),
    ...(option(args, 'host') !== undefined ? { host: option(args, 'host') } : {}),
    ...(option(args, 'host-group') !== undefined ? { hostGroup: option(args, 'host-group') } : {}),
    role: option(args, 'role'),
    ...(ttl !== undefined ? { ttlSeconds: Number(ttl) } : {}),
    ...(option(args, 'expires-at') !== undefined ? { expiresAt: option(args, 'expires-at') } : {}),
  };
}
