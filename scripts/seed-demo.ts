// npm run demo loads this: the people and organizations of a living platform. Running it again
// adds what is missing and changes nothing else.
import { INestApplicationContext } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CreateOrganizationDto } from 'src/identity/dto/organization.dto';
import { Organization } from 'src/identity/organization.entity';
import { OrganizationsService } from 'src/identity/organizations.service';
import { hashPassword } from 'src/identity/password';
import { Role } from 'src/identity/roles';
import { User } from 'src/identity/user.entity';
import { Membership } from 'src/identity/membership.entity';
import { runWithApp } from 'scripts/app-context';

const FIELDS = {
  it: '电子信息',
  manufacturing: '先进制造',
  health: '医药健康',
  energy: '新能源',
  materials: '新材料',
};

const ORGANIZATIONS: Record<string, Omit<CreateOrganizationDto, 'title'>> = {
  center: {
    name: '成都市生产力促进中心',
    kind: 'service_agency',
    region: '四川省成都市',
    industryFields: Object.values(FIELDS),
  },
  university: {
    name: '西南理工大学',
    kind: 'university',
    region: '四川省成都市',
    industryFields: [FIELDS.it, FIELDS.materials],
  },
  sensors: {
    name: '成都芯联传感科技有限公司',
    kind: 'enterprise',
    region: '四川省成都市高新区',
    industryFields: [FIELDS.it, FIELDS.manufacturing],
  },
  materials: {
    name: '四川蜀能新材料有限公司',
    kind: 'enterprise',
    region: '四川省眉山市',
    industryFields: [FIELDS.materials, FIELDS.energy],
  },
};

interface DemoAccount {
  name: string;
  email: string;
  password: string;
  roles: Role[];
  organization?: keyof typeof ORGANIZATIONS;
  title?: string;
  what: string;
}

const ACCOUNTS: DemoAccount[] = [
  {
    name: '平台管理员',
    email: 'admin@duijie.demo',
    password: 'demo-admin-2026',
    roles: ['admin'],
    what: '管理员 / admin',
  },
  {
    name: '陈静',
    email: 'organizer@duijie.demo',
    password: 'demo-organizer-2026',
    roles: ['organizer'],
    organization: 'center',
    title: '活动部主任',
    what: '组织者 / organizer',
  },
  {
    name: '刘洋',
    email: 'expert@duijie.demo',
    password: 'demo-expert-2026',
    roles: ['expert'],
    organization: 'university',
    title: '教授、博士生导师',
    what: '专家 / expert',
  },
  {
    name: '周强',
    email: 'enterprise@duijie.demo',
    password: 'demo-enterprise-2026',
    roles: ['enterprise'],
    organization: 'sensors',
    title: '技术总监',
    what: '企业 / enterprise',
  },
  {
    name: '何敏',
    email: 'materials@duijie.demo',
    password: 'demo-enterprise-2026',
    roles: ['enterprise'],
    organization: 'materials',
    title: '研发部经理',
    what: '企业 / enterprise',
  },
];

async function ensureOrganization(
  manager: EntityManager,
  organizations: OrganizationsService,
  key: string,
  userId: string,
  title?: string,
) {
  const spec = ORGANIZATIONS[key];
  const existing = await manager.findOneBy(Organization, { name: spec.name });
  if (!existing) return organizations.createWithMember(manager, userId, { ...spec, title });
  await manager
    .createQueryBuilder()
    .insert()
    .into(Membership)
    .values({ userId, organizationId: existing.id, title: title ?? null })
    .orIgnore()
    .execute();
  return existing;
}

async function seed(app: INestApplicationContext): Promise<void> {
  const dataSource = app.get(DataSource);
  const organizations = app.get(OrganizationsService);
  let added = 0;
  for (const account of ACCOUNTS) {
    await dataSource.transaction(async (manager) => {
      let user = await manager.findOneBy(User, { email: account.email });
      if (!user) {
        user = await manager.save(
          manager.create(User, {
            name: account.name,
            email: account.email,
            mobile: null,
            locale: 'zh-CN',
            roles: account.roles,
            passwordHash: await hashPassword(account.password),
          }),
        );
        added++;
      }
      if (account.organization)
        await ensureOrganization(
          manager,
          organizations,
          account.organization,
          user.id,
          account.title,
        );
    });
  }
  console.log(
    added > 0
      ? `已添加 ${added} 个演示账号 / added ${added} demo accounts`
      : '演示数据已存在 / demo data already present',
  );
  console.log('\n演示账号 / demo accounts:');
  for (const a of ACCOUNTS)
    console.log(`  ${a.email.padEnd(24)} ${a.password.padEnd(22)} ${a.what}`);
}

runWithApp(seed);
