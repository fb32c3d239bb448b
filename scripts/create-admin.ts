// npm run admin:create -- <e-mail> [name]
// Creates the first administrator with a generated password (printed once), or makes an existing
// user an administrator.
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from 'src/identity/password';
import { User } from 'src/identity/user.entity';
import { UsersService } from 'src/identity/users.service';
import { runWithApp } from 'scripts/app-context';

const [email, name = '管理员'] = process.argv.slice(2);
if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
  console.error('用法 / Usage: npm run admin:create -- <e-mail> [name]');
  process.exit(2);
}

runWithApp(async (app) => {
  const users = app.get(DataSource).getRepository(User);
  const existing = await users.findOneBy({ email: email.toLowerCase() });
  if (existing) {
    await app.get(UsersService).grantRole(existing.id, 'admin');
    console.log(`${existing.email} 现在是管理员 / is now an administrator`);
    return;
  }
  const password = randomBytes(12).toString('base64url');
  await users.save(
    users.create({
      name,
      email: email.toLowerCase(),
      mobile: null,
      // The operator who runs this names the address: it counts as verified.
      emailVerifiedAt: new Date(),
      locale: 'zh-CN',
      roles: ['admin'],
      passwordHash: await hashPassword(password),
    }),
  );
  console.log(
    `已创建管理员 / administrator created: ${email.toLowerCase()}\n密码 / password: ${password}\n请登录后修改密码 / change it after signing in.`,
  );
});
