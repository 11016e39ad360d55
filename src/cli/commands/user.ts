import { ROLES, type Role } from '../../domain/types.js';
import { createUser, resetPassword, setUserDisabled } from '../../modules/org/users.commands.js';
import { inTransaction } from '../../server/context.js';
import { parseArgs, type CliCommand } from '../command.js';

export const command: CliCommand = {
  name: 'user',
  usage: 'user create|disable|enable|reset-password …',
  description: '人员管理：create <username> --name 姓名 --unit B01 --roles clerk,complaint_manager --password …; disable <username>; reset-password <username> --password …',
  async run(args, ctx) {
    const { positional, options } = parseArgs(args);
    const [sub, username] = positional;
    if (!sub || !username) {
      console.error(this.description);
      return 2;
    }
    const c = ctx!;
    if (sub === 'create') {
      const unit = await c.db.kysely.selectFrom('units').select('id').where('code', '=', String(options.unit ?? '')).executeTakeFirst();
      if (!unit) throw new Error(`--unit: 单位代码不存在 (${String(options.unit)})`);
      const roles = String(options.roles ?? '').split(',').filter(Boolean);
      const bad = roles.find((r) => !(ROLES as readonly string[]).includes(r));
      if (bad || roles.length === 0) throw new Error(`--roles: 角色无效 (${bad ?? '空'})；可选 ${ROLES.join(',')}`);
      if (typeof options.password !== 'string') throw new Error('--password: 请提供初始密码');
      const id = await inTransaction(c, (trx) =>
        createUser({ ctx: c, trx, actorId: null, input: { username, displayName: String(options.name ?? username), unitId: unit.id, roles: roles as Role[], email: typeof options.email === 'string' ? options.email : undefined, password: options.password as string } }),
      );
      console.log(`已创建人员 ${username} (${id})`);
      return 0;
    }
    if (sub === 'disable' || sub === 'enable') {
      const user = await c.db.kysely.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
      if (!user) throw new Error(`用户 ${username} 不存在`);
      await inTransaction(c, (trx) => setUserDisabled({ ctx: c, trx, actorId: null, userId: user.id, disabled: sub === 'disable' }));
      console.log(`${sub === 'disable' ? '已停用' : '已启用'} ${username}`);
      return 0;
    }
    if (sub === 'reset-password') {
      if (typeof options.password !== 'string') throw new Error('--password: 请提供新密码');
      await inTransaction(c, (trx) => resetPassword({ ctx: c, trx, actorId: null, username, password: options.password as string }));
      console.log(`已重置 ${username} 的密码，原有会话已失效`);
      return 0;
    }
    console.error(this.description);
    return 2;
  },
};
